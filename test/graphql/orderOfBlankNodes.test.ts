import { describe, expect, it } from 'vitest';
import { iri, queryData } from '../support/executeQuery.js';
import { graphOfTriG } from '../support/graphOfTriG.js';

// Goals the data gives as blank nodes, listed in the data against the order of their positions and names.
const graph = graphOfTriG(`<dataset/mal> {
  <samverkan/x> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan X"@sv ;
    ks:goal [ a ks:Goal ; skos:prefLabel "Andra målet"@sv ; schema:position 2 ],
            [ a ks:Goal ; skos:prefLabel "Första målet"@sv ; schema:position 1 ],
            [ a ks:Goal ; skos:prefLabel "Bmål utan plats"@sv ],
            [ a ks:Goal ; skos:prefLabel "Amål utan plats"@sv ] .
}`);

describe('Collaboration.goals given as blank nodes', () => {
  it('come in the order of their positions, then those without a position by name, each blank node by its own position and name', async () => {
    const data = await queryData(`{ collaboration(id: "${iri('samverkan/x')}") { goals { name position } } }`, { graph });
    expect(data.collaboration.goals).toEqual([
      { name: 'Första målet', position: 1 },
      { name: 'Andra målet', position: 2 },
      { name: 'Amål utan plats', position: null },
      { name: 'Bmål utan plats', position: null },
    ]);
  });
});
