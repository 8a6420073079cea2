/**
 * The plain JavaScript objects the peer answers from: what someone who keeps
 * the culture schools' data in memory, without RDF, would hold. Each object's
 * properties are named after the GraphQL fields they answer, so GraphQL's
 * default resolver reads them (no resolver of ours per field); links are
 * direct object references, lists are sorted as our API answers them, and
 * texts are already in the language the benchmark asks (the default, Swedish).
 *
 * Only what the four benchmark questions (bench/benchmarkQueries.ts) read is
 * here; other fields of the schema are absent and would answer null or an error.
 */

/** The GraphQL types of an organisation (see src/graphql/typeOfResource.ts). */
export type PlainOrganisationType = 'Municipality' | 'Collaboration' | 'Project' | 'OtherOrganisation' | 'OrganisationalUnit';

/** A SKOS concept: a role or a theme. */
export interface PlainConcept {
  id: string;
  name: string | null;
}

/** A period, as precise as the source. */
export interface PlainPeriod {
  start: string | null;
  end: string | null;
}

/** A county (län). */
export interface PlainCounty {
  id: string;
  code: string | null;
  name: string | null;
  /** Sorted by kommunkod. */
  municipalities: PlainOrganisation[];
}

/** A membership: `member` holds `role` in `organisation`. */
export interface PlainMembership {
  id: string;
  member: PlainOrganisation | null;
  organisation: PlainOrganisation | null;
  role: PlainConcept | null;
}

/** One of a collaboration's goals. */
export interface PlainGoal {
  id: string;
  name: string | null;
  description: string | null;
  position: number | null;
}

/** A grant with its funders (sorted by name) and period. */
export interface PlainGrant {
  id: string;
  name: string | null;
  funders: PlainOrganisation[];
  period: PlainPeriod | null;
}

/**
 * An organisation of any kind. `__typename` says which GraphQL type it is
 * (null when its RDF types make it none); the fields of the other kinds are
 * left unset. Every list is sorted as our API sorts it.
 */
export interface PlainOrganisation {
  __typename: PlainOrganisationType | null;
  id: string;
  name: string | null;
  homepage: string | null;
  /** Memberships in which it is the member: by organisation name, then role name, then IRI. */
  memberships: PlainMembership[];
  /** Municipality: its kommunkod and county. */
  code?: string | null;
  county?: PlainCounty | null;
  /** Collaboration and project. */
  description?: string | null;
  regions?: PlainCounty[];
  /** Memberships in it: by the member's code (or name), then role name, then IRI. */
  members?: PlainMembership[];
  /** Collaboration. */
  goals?: PlainGoal[];
  grants?: PlainGrant[];
  projects?: PlainOrganisation[];
  /** Project. */
  period?: PlainPeriod | null;
  themes?: PlainConcept[];
}

/** Everything the peer answers from, with the lookups its root fields need. */
export interface PlainObjects {
  /** Municipalities by kommunkod. */
  municipalitiesByCode: ReadonlyMap<string, PlainOrganisation>;
  /** Collaborations (not projects) by IRI. */
  collaborationsById: ReadonlyMap<string, PlainOrganisation>;
  /** Every organisation of each type, sorted by Swedish name, then IRI. */
  organisationsByType: ReadonlyMap<PlainOrganisationType, readonly PlainOrganisation[]>;
  /** Every organisation, sorted by Swedish name, then IRI. */
  organisations: readonly PlainOrganisation[];
}
