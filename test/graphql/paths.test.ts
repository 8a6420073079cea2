import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH, MAX_PATH_SEARCH_WORK, MAX_PATHS } from '../../src/graphql/resolvers/Path.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { ks, org, rdf, skos } from '../../src/rdf/vocabulary.js';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

const kulturskoleradet = iri('org/kulturskoleradet');
const karlskoga = iri('kommun/1883');
const orebro = iri('kommun/1880');
const laxa = iri('kommun/1860');
const collaboration = iri('samverkan/orebro-lan');
const project = iri('projekt/kulturskola-i-hela-landet');

const STEPS = `length steps {
  from { id } to { id } inverse label(lang: "en")
  property { id label(lang: "en") inverseLabel(lang: "en") }
  via { id } role { id } period { start end } }`;

describe('Query.paths', () => {
  describe('from Kulturskolerådet to Karlskoga', () => {
    it('finds the chain: Kulturskolerådet initiated the project, the collaboration takes part in it, Karlskoga is a member of the collaboration', async () => {
      const data = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}") { ${STEPS} } }`);
      const throughProject = data.paths.filter((path: Path) => path.steps.some((step) => step.to.id === project));
      expect(throughProject[0]).toEqual({
        length: 3,
        steps: [
          {
            from: { id: kulturskoleradet },
            to: { id: project },
            inverse: true,
            label: 'initiated',
            property: { id: ks.initiatedBy.value, label: 'was initiated by', inverseLabel: 'initiated' },
            via: null,
            role: null,
            period: null,
          },
          {
            from: { id: project },
            to: { id: collaboration },
            inverse: true,
            label: 'has as member',
            property: { id: org.memberOf.value, label: 'is a member of', inverseLabel: 'has as member' },
            via: { id: iri('projekt/kulturskola-i-hela-landet/deltagare/orebro-lan') },
            role: { id: iri('roll/deltagare') },
            period: { start: '2019', end: '2022' },
          },
          {
            from: { id: collaboration },
            to: { id: karlskoga },
            inverse: true,
            label: 'has as member',
            property: { id: org.memberOf.value, label: 'is a member of', inverseLabel: 'has as member' },
            via: { id: iri('samverkan/orebro-lan/medlemskap/1883') },
            role: { id: iri('roll/medlem') },
            period: null,
          },
        ],
      });
    });

    it('answers the shortest first: the collaboration links to Kulturskolerådet and has Karlskoga as member and as administrative principal', async () => {
      const data = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}") { length steps { to { id } label(lang: "en") role { id } } } }`);
      const lengths = data.paths.map((path: Path) => path.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(data.paths.slice(0, 2)).toEqual([
        { length: 2, steps: [{ to: { id: collaboration }, label: 'is linked from', role: null }, { to: { id: karlskoga }, label: 'has as member', role: { id: iri('roll/medlem') } }] },
        {
          length: 2,
          steps: [
            { to: { id: collaboration }, label: 'is linked from', role: null },
            { to: { id: karlskoga }, label: 'has as administrative principal', role: { id: iri('roll/administrativ-huvudman') } },
          ],
        },
      ]);
    });

    it('gives chains whose steps join up, from `from` to `to`, with no organisation twice and none longer than maxLength', async () => {
      const data = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}", maxLength: 4, first: 50) { ${STEPS} } }`);
      expect(data.paths.length).toBeGreaterThan(2);
      for (const path of data.paths as Path[]) {
        expect(path.steps.length).toBe(path.length);
        expect(path.length).toBeLessThanOrEqual(4);
        expect(path.steps[0]!.from.id).toBe(kulturskoleradet);
        expect(path.steps.at(-1)!.to.id).toBe(karlskoga);
        for (const [index, step] of path.steps.entries()) if (index > 0) expect(step.from.id).toBe(path.steps[index - 1]!.to.id);
        const visited = [path.steps[0]!.from.id, ...path.steps.map((step) => step.to.id)];
        expect(new Set(visited).size).toBe(visited.length);
      }
    });

    it('reads each step in Swedish by default', async () => {
      const data = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}", first: 1) { steps { label property { label inverseLabel } } } }`);
      expect(data.paths[0].steps[0]).toEqual({ label: 'länkas från', property: { label: 'är länkad till', inverseLabel: 'länkas från' } });
    });

    it('answers the first paths of the full answer when `first` is smaller', async () => {
      const all = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}", first: ${MAX_PATHS}) { ${STEPS} } }`);
      const three = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}", first: 3) { ${STEPS} } }`);
      expect(three.paths).toEqual(all.paths.slice(0, 3));
    });

    it('finds none within one step: no relation joins them directly', async () => {
      const data = await queryData(`{ paths(from: "${kulturskoleradet}", to: "${karlskoga}", maxLength: 1) { length } }`);
      expect(data.paths).toEqual([]);
    });
  });

  describe('between two members of the collaboration', () => {
    it('goes through the collaboration, one path per pair of memberships, Karlskoga as member and as administrative principal', async () => {
      const data = await queryData(`{ paths(from: "${karlskoga}", to: "${orebro}", maxLength: 2) { steps { to { id } label(lang: "en") } } }`);
      expect(data.paths).toEqual([
        { steps: [{ to: { id: collaboration }, label: 'is a member of' }, { to: { id: orebro }, label: 'has as member' }] },
        { steps: [{ to: { id: collaboration }, label: 'is the administrative principal of' }, { to: { id: orebro }, label: 'has as member' }] },
      ]);
    });

    it('does not go through their county: areas are not relationships', async () => {
      const data = await queryData(`{ paths(from: "${karlskoga}", to: "${orebro}", maxLength: 6, first: ${MAX_PATHS}) { steps { to { id } } } }`);
      const visited = data.paths.flatMap((path: Path) => path.steps.map((step) => step.to.id));
      expect(visited).not.toContain(iri('lan/18'));
    });
  });

  describe('when nothing connects the two', () => {
    it('answers no path from Laxå, which is in no collaboration', async () => {
      const data = await queryData(`{ paths(from: "${laxa}", to: "${karlskoga}", maxLength: ${MAX_PATH_LENGTH}) { length } }`);
      expect(data.paths).toEqual([]);
    });
  });

  describe('from an organisation to itself', () => {
    it('answers one path of no steps', async () => {
      const data = await queryData(`{ paths(from: "${karlskoga}", to: "${karlskoga}") { length steps { label } } }`);
      expect(data.paths).toEqual([{ length: 0, steps: [] }]);
    });
  });

  describe('bad arguments', () => {
    it.each([
      ['an id that is no IRI', `from: "kommun/1883", to: "${karlskoga}"`, 'from', '"kommun/1883"'],
      ['a county, which is no organisation', `from: "${karlskoga}", to: "${iri('lan/18')}"`, 'to', JSON.stringify(iri('lan/18'))],
      ['an IRI the graph does not know', `from: "${iri('kommun/9999')}", to: "${karlskoga}"`, 'from', JSON.stringify(iri('kommun/9999'))],
      [`maxLength over ${MAX_PATH_LENGTH}`, `from: "${karlskoga}", to: "${orebro}", maxLength: ${MAX_PATH_LENGTH + 1}`, 'maxLength', String(MAX_PATH_LENGTH + 1)],
      ['maxLength 0', `from: "${karlskoga}", to: "${orebro}", maxLength: 0`, 'maxLength', '0'],
      [`first over ${MAX_PATHS}`, `from: "${karlskoga}", to: "${orebro}", first: ${MAX_PATHS + 1}`, 'first', String(MAX_PATHS + 1)],
      ['first 0', `from: "${karlskoga}", to: "${orebro}", first: 0`, 'first', '0'],
    ])('answers BAD_USER_INPUT naming the argument and its value for %s', async (_case, args, argument, shown) => {
      const result = await executeQuery(`{ paths(${args}) { length } }`);
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error!.message).toContain(`Argument "${argument}"`);
      expect(error!.message).toContain(`got: ${shown}.`);
    });
  });

  describe('bounded work', () => {
    // 300 municipalities each a member of 200 collaborations: 60,000 relations.
    const dense = denseNetwork(300, 200);

    it(`refuses, naming maxLength, a search that would look at more than ${MAX_PATH_SEARCH_WORK.toLocaleString('en')} relations`, async () => {
      // Every relation is looked at from both ends by a search from m0 that never finds the lone organisation.
      const result = await executeQuery(`{ paths(from: "${iri('org/alone')}", to: "${iri('kommun/m0')}", maxLength: ${MAX_PATH_LENGTH}) { length } }`, { graph: dense });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/^Argument "maxLength": expected a length whose search looks at no more than 100,000 relations/);
    });

    it('answers over the same network when the search stays within the bound', async () => {
      const data = await queryData(`{ paths(from: "${iri('kommun/m0')}", to: "${iri('kommun/m1')}", maxLength: 2, first: 5) { length steps { to { id } } } }`, { graph: dense });
      expect(data.paths).toHaveLength(5);
      for (const path of data.paths) expect(path.length).toBe(2);
    });
  });
});

interface Path {
  length: number;
  steps: Array<{ from: { id: string }; to: { id: string } }>;
}

/** Municipalities each a member of every collaboration (org:memberOf), and one organisation related to nothing. */
function denseNetwork(municipalities: number, collaborations: number): StoreGraph {
  const { namedNode, quad, literal } = DataFactory;
  const store = new Store();
  const named = (subject: ReturnType<typeof namedNode>, type: ReturnType<typeof namedNode>, name: string) => {
    store.addQuad(quad(subject, rdf.type, type));
    store.addQuad(quad(subject, skos.prefLabel, literal(name, 'sv')));
  };
  named(namedNode(iri('org/alone')), org.FormalOrganization, 'Ensam');
  for (let c = 0; c < collaborations; c++) named(namedNode(iri(`samverkan/c${c}`)), org.OrganizationalCollaboration, `Samverkan ${c}`);
  for (let m = 0; m < municipalities; m++) {
    const municipality = namedNode(iri(`kommun/m${m}`));
    named(municipality, ks.Municipality, `Kommun ${m}`);
    for (let c = 0; c < collaborations; c++) store.addQuad(quad(municipality, org.memberOf, namedNode(iri(`samverkan/c${c}`))));
  }
  return new StoreGraph(store);
}
