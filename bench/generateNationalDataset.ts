/**
 * A synthetic national dataset shaped like our real model (see README, "How
 * the data is modelled"), for the benchmark. Seeded and deterministic: the
 * same seed and size always give the same triples, in the same order.
 *
 * Growth model. Regional collaborations of municipalities (with their
 * memberships, goals, grants and projects) take up to half of the triples but
 * stop at COLLABORATION_CAP, so a municipality takes part in a handful of
 * collaborations at every size, as in reality. Past that, the dataset grows by
 * its long tail: culture schools (units of municipalities) and their own
 * projects and grants. So at 100k and 1M triples the collaborations, and so
 * every answer the GraphQL benchmark asks for, are the same: what changes is
 * only the size of the graph around them.
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';
import { BASE_IRI, dcterms, ks, org, schema, skos } from '../src/rdf/vocabulary.js';
import { mulberry32 } from './prng.js';
import type { County, Municipality, ReferenceData } from './referenceData.js';
import { SyntheticGraph, type SyntheticNode, type Text } from './syntheticGraph.js';

const { namedNode } = DataFactory;

/** Most regional collaborations of municipalities a dataset holds (≈ 7 memberships per municipality). */
export const COLLABORATION_CAP = 600;

/** The seed `npm run bench` uses. */
export const DEFAULT_SEED = 20_240_601;

/** What the GraphQL benchmark asks about: resources that exist, with every part of their page filled. */
export interface Probes {
  /** Kommunkod of a municipality with several memberships. */
  municipalityCode: string;
  /** IRI of a collaboration that has members, goals, grants and a project. */
  collaboration: string;
}

/** A generated dataset. */
export interface NationalDataset {
  graph: SyntheticGraph;
  probes: Probes;
  /** How many resources of each kind it holds. */
  counts: Record<'collaborations' | 'memberships' | 'goals' | 'grants' | 'projects' | 'cultureSchools', number>;
}

/** IRI of a synthetic resource: under our base, in the `synth/` segment. */
function synth(path: string): NamedNode {
  return namedNode(`${BASE_IRI}synth/${path}`);
}

const PEOPLE_AUDIENCE = namedNode(`${schema.iri}PeopleAudience`);
const FIRST_YEAR = 2016;
const SCHOOL_YEARS = 10;
const THEMES: ReadonlyArray<Text> = [
  { sv: 'Musik', en: 'Music' },
  { sv: 'Dans', en: 'Dance' },
  { sv: 'Teater', en: 'Theatre' },
  { sv: 'Bild och form', en: 'Art and design' },
  { sv: 'Film', en: 'Film' },
  { sv: 'Cirkus', en: 'Circus' },
  { sv: 'Skrivande', en: 'Creative writing' },
  { sv: 'Digitalt skapande', en: 'Digital creation' },
  { sv: 'Körsång', en: 'Choral singing' },
  { sv: 'Slöjd', en: 'Crafts' },
  { sv: 'Inkludering', en: 'Inclusion' },
  { sv: 'Ungas inflytande', en: "Young people's influence" },
];
const GOALS: ReadonlyArray<Text> = [
  { sv: 'Samverkan mellan barn och unga', en: 'Collaboration between children and young people' },
  { sv: 'Samverkan mellan pedagoger och chefer', en: 'Collaboration between teachers and managers' },
  { sv: 'Samverkan med externa kulturaktörer', en: 'Collaboration with external cultural actors' },
  { sv: 'Breddad rekrytering', en: 'Broader recruitment' },
  { sv: 'Fördjupad kulturutövning', en: 'Deeper cultural practice' },
];
const FUNDER_NAMES: ReadonlyArray<Text> = [
  { sv: 'Stiftelsen Kulturlyftet', en: 'The Culture Boost Foundation' },
  { sv: 'Regional kulturfond', en: 'Regional Culture Fund' },
  { sv: 'Fonden för barns skapande', en: "Fund for Children's Creativity" },
  { sv: 'Musikstiftelsen', en: 'The Music Foundation' },
  { sv: 'Scenkonstfonden', en: 'Performing Arts Fund' },
];
const FUNDERS = 30;

/**
 * Generates about `triples` triples (never fewer, at most one resource more)
 * from `seed`, linking to the reference list's municipalities, counties and
 * role concepts.
 */
export function generateNationalDataset(reference: ReferenceData, triples: number, seed = DEFAULT_SEED): NationalDataset {
  const random = mulberry32(seed);
  const graph = new SyntheticGraph();
  const counts: NationalDataset['counts'] = { collaborations: 0, memberships: 0, goals: 0, grants: 0, projects: 0, cultureSchools: 0 };
  const { roles } = reference;

  // Shared resources: periods, themes and funders.
  const schoolYears = Array.from({ length: SCHOOL_YEARS }, (_, index) => {
    const start = FIRST_YEAR + index;
    const period = graph.resource(synth(`tid/lasar-${start}-${start + 1}`));
    graph.type(period, dcterms.PeriodOfTime, ks.SchoolYear);
    graph.add(period, 'name', { sv: `Läsåret ${start}–${start + 1}`, en: `School year ${start}–${start + 1}` });
    graph.add(period, 'startYear', String(start)).add(period, 'endYear', String(start + 1));
    return period.id!;
  });
  const projectPeriods = Array.from({ length: SCHOOL_YEARS - 2 }, (_, index) => {
    const start = FIRST_YEAR + index;
    const period = graph.resource(synth(`tid/${start}-${start + 3}`));
    graph.type(period, dcterms.PeriodOfTime);
    graph.add(period, 'name', { sv: `${start}–${start + 3}`, en: `${start}–${start + 3}` });
    graph.add(period, 'startYear', String(start)).add(period, 'endYear', String(start + 3));
    return period.id!;
  });
  const themeScheme = synth('tema');
  const themes = THEMES.map((name, index) => {
    const theme = graph.resource(synth(`tema/${index + 1}`));
    graph.type(theme, skos.Concept).add(theme, 'inScheme', themeScheme).add(theme, 'position', index + 1).add(theme, 'name', name);
    return theme.id!;
  });
  const funders = Array.from({ length: FUNDERS }, (_, index) => {
    const funder = graph.resource(synth(`org/finansiar-${index + 1}`));
    const base = FUNDER_NAMES[index % FUNDER_NAMES.length]!;
    const county = reference.counties[index % reference.counties.length]!;
    graph.type(funder, org.FormalOrganization);
    graph.add(funder, 'name', { sv: `${base.sv} ${county.nameSv}`, en: `${base.en}, ${county.nameEn}` });
    graph.add(funder, 'homepage', namedNode(`https://synth.kulturskola.example/finansiar/${index + 1}`));
    return funder.id!;
  });

  const addGrant = (path: string, recipient: SyntheticNode, recipientName: Text, period: NamedNode): void => {
    const grant = graph.resource(synth(`bidrag/${path}`));
    const funder = random.pick(funders);
    graph.type(grant, schema.MonetaryGrant);
    graph.add(grant, 'name', { sv: `Bidrag till ${recipientName.sv}`, en: `Grant to ${recipientName.en}` });
    graph.add(grant, 'funder', funder).add(grant, 'fundedItem', recipient.id!).add(grant, 'temporal', period);
    counts.grants++;
  };

  const addMembership = (membershipIri: NamedNode, member: NamedNode, organisation: SyntheticNode, role: NamedNode, period?: NamedNode): void => {
    const membership = graph.resource(membershipIri);
    graph.type(membership, org.Membership);
    graph.add(membership, 'member', member).add(membership, 'organization', organisation.id!).add(membership, 'role', role);
    if (period) graph.add(membership, 'memberDuring', period);
    graph.add(graph.resource(member), 'memberOf', organisation.id!);
    counts.memberships++;
  };

  const addProject = (path: string, name: Text, counties: County[], participants: NamedNode[]): SyntheticNode => {
    const project = graph.resource(synth(`projekt/${path}`));
    const periodIndex = random.int(0, projectPeriods.length - 1);
    const period = projectPeriods[periodIndex]!;
    graph.type(project, schema.Project, org.OrganizationalCollaboration);
    graph.add(project, 'name', name);
    graph.add(project, 'description', {
      sv: `Deltagarna i ${name.sv} utvecklar verksamhet som efter projektperioden blir ordinarie verksamhet.`,
      en: `The participants in ${name.en} develop activities that become ordinary activities after the project period.`,
    });
    graph.add(project, 'initiatedBy', random.pick(funders)).add(project, 'temporal', period);
    for (const county of counties) graph.add(project, 'spatial', county.iri);
    const audience = graph.blank();
    const minAge = random.int(5, 10);
    graph.type(audience, PEOPLE_AUDIENCE).add(audience, 'minAge', minAge).add(audience, 'maxAge', minAge + random.int(6, 12));
    graph.add(project, 'audience', audience);
    for (const theme of random.sample(themes, random.int(2, 5))) graph.add(project, 'subject', theme);
    participants.forEach((participant, index) =>
      addMembership(synth(`projekt/${path}/deltagare/${index + 1}`), participant, project, roles.participant, period),
    );
    addGrant(`projekt-${path}`, project, name, period);
    counts.projects++;
    return project;
  };

  // Regional collaborations of municipalities, up to half the triples or the cap.
  const municipalitiesOf = new Map<string, Municipality[]>();
  for (const municipality of reference.municipalities) {
    municipalitiesOf.set(municipality.county.code, [...(municipalitiesOf.get(municipality.county.code) ?? []), municipality]);
  }
  const collaborationsByCounty = new Map<string, number>();
  let probe: { collaboration: SyntheticNode; principal: Municipality; score: number } | null = null;
  while (counts.collaborations < COLLABORATION_CAP && graph.tripleCount < triples / 2) {
    const index = ++counts.collaborations;
    // A random municipality's county, so that every municipality is about as likely to be a member.
    const county = random.pick(reference.municipalities).county;
    const ordinal = (collaborationsByCounty.get(county.code) ?? 0) + 1;
    collaborationsByCounty.set(county.code, ordinal);
    const theme = random.pick(THEMES);
    const collaboration = graph.resource(synth(`samverkan/${index}`));
    const name = { sv: `${theme.sv}samverkan i ${county.nameSv} ${ordinal}`, en: `${theme.en} collaboration in ${county.nameEn} ${ordinal}` };
    graph.type(collaboration, org.OrganizationalCollaboration);
    graph.add(collaboration, 'name', name);
    graph.add(collaboration, 'description', {
      sv: `En regional samverkan om ${theme.sv.toLowerCase()} mellan kommunala kulturskolor i ${county.nameSv}.`,
      en: `A regional collaboration on ${theme.en.toLowerCase()} between the municipal culture schools of ${county.nameEn}.`,
    });
    graph.add(collaboration, 'homepage', namedNode(`https://synth.kulturskola.example/samverkan/${index}`));
    graph.add(collaboration, 'spatial', county.iri);

    // Two to four members from the county (and the next county, where it has fewer), the first also principal.
    const candidates = [...municipalitiesOf.get(county.code)!];
    const countyIndex = reference.counties.indexOf(county);
    if (candidates.length < 4) candidates.push(...municipalitiesOf.get(reference.counties[(countyIndex + 1) % reference.counties.length]!.code)!);
    const members = random.sample(candidates, random.int(2, 4));
    for (const member of members) addMembership(synth(`samverkan/${index}/medlemskap/${member.code}`), member.iri, collaboration, roles.member);
    const principal = members[0]!;
    addMembership(synth(`samverkan/${index}/huvudman/${principal.code}`), principal.iri, collaboration, roles.administrativePrincipal);
    graph.add(graph.resource(principal.iri), 'administrativePrincipalOf', collaboration.id!);

    const goals = random.sample(GOALS, 3);
    goals.forEach((goalName, position) => {
      const goal = graph.resource(synth(`mal/${index}/${position + 1}`));
      graph.type(goal, skos.Concept, ks.Goal).add(goal, 'position', position + 1).add(goal, 'name', goalName);
      graph.add(goal, 'definition', {
        sv: `Vi vill att barn och unga i ${county.nameSv} får ${goalName.sv.toLowerCase()} inom ${theme.sv.toLowerCase()}, mål ${position + 1} för samverkan ${index}.`,
        en: `We want children and young people in ${county.nameEn} to gain ${goalName.en.toLowerCase()} in ${theme.en.toLowerCase()}, goal ${position + 1} of collaboration ${index}.`,
      });
      graph.add(collaboration, 'goal', goal.id!);
      counts.goals++;
    });

    const grants = random.int(1, 3);
    const firstYear = random.int(0, SCHOOL_YEARS - grants);
    for (let grant = 0; grant < grants; grant++) addGrant(`samverkan-${index}-${grant + 1}`, collaboration, name, schoolYears[firstYear + grant]!);

    let projects = 0;
    if (random.next() < 0.4) {
      const projectName = { sv: `Projekt ${theme.sv.toLowerCase()} för alla ${index}`, en: `Project ${theme.en.toLowerCase()} for all ${index}` };
      addProject(`samverkan-${index}`, projectName, [county], [collaboration.id!]);
      projects = 1;
    }
    // The probe has every part of its page (a project above all), preferably in Örebro län: its
    // twelve municipalities keep the deep query's answer to a few hundred fields.
    const score = 10 * projects + 3 * (county.code === '18' ? 1 : 0) + Math.min(grants, 2) + (members.length >= 3 ? 1 : 0);
    if (probe === null || score > probe.score) probe = { collaboration, principal, score };
  }

  // The long tail: culture schools, every third one starting a project with nearby schools.
  const recentSchools: Array<{ iri: NamedNode; municipality: Municipality }> = [];
  while (graph.tripleCount < triples) {
    const municipality = random.pick(reference.municipalities);
    const number = ++counts.cultureSchools;
    const school = graph.resource(synth(`kulturskola/${number}`));
    graph.type(school, org.OrganizationalUnit);
    graph.add(school, 'name', { sv: `Kulturskolan i ${municipality.nameSv}, enhet ${number}`, en: `${municipality.nameEn} culture school, unit ${number}` });
    graph.add(school, 'homepage', namedNode(`https://synth.kulturskola.example/kulturskola/${number}`));
    graph.add(school, 'unitOf', municipality.iri);
    graph.add(graph.resource(municipality.iri), 'hasUnit', school.id!);
    recentSchools.push({ iri: school.id!, municipality });
    if (recentSchools.length > 40) recentSchools.shift();
    if (number % 3 === 0) {
      const participants = random.sample(recentSchools, random.int(2, 4));
      const theme = random.pick(THEMES);
      const counties = [...new Set(participants.map(({ municipality: { county } }) => county))];
      const name = { sv: `${theme.sv} i skolan ${number}`, en: `${theme.en} at school ${number}` };
      addProject(`kulturskola-${number}`, name, counties, participants.map(({ iri }) => iri));
    }
  }

  if (probe === null) throw new Error(`A dataset of ${triples} triples is too small to hold a collaboration`);
  return { graph, counts, probes: { municipalityCode: probe.principal.code, collaboration: probe.collaboration.id!.value } };
}
