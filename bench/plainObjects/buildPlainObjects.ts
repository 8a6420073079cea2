/**
 * Turns a loaded store into the peer's plain objects (see PlainObjects), once:
 * every organisation, county, membership, role, goal, grant, period and theme
 * the four benchmark questions reach becomes one object, linked to the others
 * by reference, with its lists sorted and its texts chosen for `language`.
 * Afterwards the store can go: nothing here keeps it.
 *
 * Objects are made as they are first reached (a shell with the keys the
 * orders need: name, code, position) and their links filled in afterwards,
 * so that cycles (a municipality's county lists the municipality) are plain
 * references.
 */
import type { Store } from 'n3';
import { dcat, dcterms, foaf, ks, org, schema, skos } from '../../src/rdf/vocabulary.js';
import { organisationClasses, organisationTypeOf } from './organisationTypeOf.js';
import type { PlainConcept, PlainCounty, PlainGoal, PlainGrant, PlainMembership, PlainObjects, PlainOrganisation, PlainOrganisationType, PlainPeriod } from './PlainObjects.js';
import { byCode, byId, byName, byPosition, sortedOnce, thenBy, through } from './plainOrders.js';
import { StoreReadings, type StoreResource } from './StoreReadings.js';

export function buildPlainObjects(store: Store, language: string): PlainObjects {
  return new Builder(new StoreReadings(store), language).build();
}

class Builder {
  private readonly organisations = new Map<string, PlainOrganisation>();
  private readonly counties = new Map<string, PlainCounty>();
  private readonly memberships = new Map<string, PlainMembership>();
  private readonly concepts = new Map<string, PlainConcept>();
  private readonly goals = new Map<string, PlainGoal>();
  private readonly grants = new Map<string, PlainGrant>();
  private readonly periods = new Map<string, PlainPeriod>();
  /** Sort keys the schema has no field for: an organisation's dcterms:identifier, a theme's position. */
  private readonly codes = new Map<PlainOrganisation, string | null>();
  private readonly positions = new Map<PlainConcept, number | null>();
  /** Links still to fill in, of objects already made. */
  private readonly pending: Array<() => void> = [];

  private readonly byOrganisationCode = byCode<PlainOrganisation>((organisation) => this.codes.get(organisation));
  private readonly byCountyCode = byCode<PlainCounty>((county) => county.code);
  private readonly membershipsOfMember = thenBy<PlainMembership>(through((membership) => membership.organisation, byName), through((membership) => membership.role, byName));
  private readonly membershipsInOrganisation = thenBy<PlainMembership>(through((membership) => membership.member, this.byOrganisationCode), through((membership) => membership.role, byName));
  private readonly byThemePosition = byPosition<PlainConcept>((concept) => this.positions.get(concept) ?? null);
  private readonly byGoalPosition = byPosition<PlainGoal>((goal) => goal.position);
  private readonly byPeriodStart = (a: PlainGrant, b: PlainGrant): number => {
    const [startA, startB] = [a.period?.start ?? '\uffff', b.period?.start ?? '\uffff'];
    return startA < startB ? -1 : startA > startB ? 1 : byId(a, b);
  };

  constructor(
    private readonly read: StoreReadings,
    private readonly language: string,
  ) {}

  build(): PlainObjects {
    const listed = new Map<string, StoreResource>();
    for (const type of organisationClasses) for (const resource of this.read.instancesOf(type)) listed.set(resource.id, resource);
    const organisations = [...listed.values()].map((resource) => this.organisation(resource)).sort(byName);
    while (this.pending.length > 0) this.pending.pop()!();
    const organisationsByType = new Map<PlainOrganisationType, PlainOrganisation[]>();
    for (const organisation of organisations) {
      if (organisation.__typename === null) continue;
      let ofType = organisationsByType.get(organisation.__typename);
      if (ofType === undefined) organisationsByType.set(organisation.__typename, (ofType = []));
      ofType.push(organisation);
    }
    const ofType = (type: PlainOrganisationType) => organisationsByType.get(type) ?? [];
    return {
      municipalitiesByCode: new Map(ofType('Municipality').flatMap((municipality) => (municipality.code ? [[municipality.code, municipality] as const] : []))),
      collaborationsById: new Map(ofType('Collaboration').map((collaboration) => [collaboration.id, collaboration])),
      organisationsByType,
      organisations,
    };
  }

  private organisation(resource: StoreResource): PlainOrganisation {
    const known = this.organisations.get(resource.id);
    if (known !== undefined) return known;
    const made: PlainOrganisation = {
      __typename: organisationTypeOf(this.read.types(resource)),
      id: resource.value,
      name: this.name(resource),
      homepage: this.read.resource(resource, foaf.homepage)?.value ?? null,
      memberships: [],
    };
    this.organisations.set(resource.id, made);
    this.codes.set(made, this.read.value(resource, dcterms.identifier));
    this.pending.push(() => this.fillOrganisation(resource, made));
    return made;
  }

  private fillOrganisation(resource: StoreResource, made: PlainOrganisation): void {
    made.memberships = sortedOnce(this.read.subjects(org.member, resource).map((membership) => this.membership(membership)), this.membershipsOfMember);
    switch (made.__typename) {
      case 'Municipality': {
        made.code = this.read.value(resource, dcterms.identifier);
        const county = this.read.resource(resource, ks.county);
        made.county = county && this.county(county);
        return;
      }
      case 'Collaboration': {
        const projects = this.projectsOf(resource);
        made.description = this.read.text(resource, dcterms.description, this.language);
        made.regions = this.regionsOf(resource);
        made.members = this.membersOf(resource);
        made.goals = sortedOnce(this.read.resources(resource, ks.goal).map((goal) => this.goal(goal)), this.byGoalPosition);
        made.grants = sortedOnce(
          [resource, ...projects].flatMap((recipient) => this.read.subjects(schema.fundedItem, recipient).filter((grant) => this.read.hasType(grant, schema.MonetaryGrant))).map((grant) => this.grant(grant)),
          this.byPeriodStart,
        );
        made.projects = sortedOnce(projects.map((project) => this.organisation(project)), byName);
        return;
      }
      case 'Project': {
        made.description = this.read.text(resource, dcterms.description, this.language);
        made.regions = this.regionsOf(resource);
        made.members = this.membersOf(resource);
        made.period = this.periodOf(resource);
        made.themes = sortedOnce(this.read.resources(resource, dcterms.subject).map((theme) => this.concept(theme)), this.byThemePosition);
        return;
      }
    }
  }

  /** Projects the organisation takes part in as a member. */
  private projectsOf(resource: StoreResource): StoreResource[] {
    return this.read
      .subjects(org.member, resource)
      .flatMap((membership) => this.read.resources(membership, org.organization).filter((organisation) => this.read.hasType(organisation, schema.Project)));
  }

  private membersOf(resource: StoreResource): PlainMembership[] {
    return sortedOnce(this.read.subjects(org.organization, resource).map((membership) => this.membership(membership)), this.membershipsInOrganisation);
  }

  private regionsOf(resource: StoreResource): PlainCounty[] {
    const counties = this.read.resources(resource, dcterms.spatial).filter((area) => this.read.hasType(area, ks.County));
    return sortedOnce(counties.map((county) => this.county(county)), this.byCountyCode);
  }

  private county(resource: StoreResource): PlainCounty {
    const known = this.counties.get(resource.id);
    if (known !== undefined) return known;
    const made: PlainCounty = { id: resource.value, code: this.read.value(resource, dcterms.identifier), name: this.name(resource), municipalities: [] };
    this.counties.set(resource.id, made);
    this.pending.push(() => {
      const municipalities = this.read.subjects(ks.county, resource).filter((municipality) => this.read.hasType(municipality, ks.Municipality));
      made.municipalities = sortedOnce(municipalities.map((municipality) => this.organisation(municipality)), this.byOrganisationCode);
    });
    return made;
  }

  private membership(resource: StoreResource): PlainMembership {
    const known = this.memberships.get(resource.id);
    if (known !== undefined) return known;
    const [member, organisation, role] = [org.member, org.organization, org.role].map((predicate) => this.read.resource(resource, predicate));
    const made: PlainMembership = {
      id: resource.value,
      member: member ? this.organisation(member) : null,
      organisation: organisation ? this.organisation(organisation) : null,
      role: role ? this.concept(role) : null,
    };
    this.memberships.set(resource.id, made);
    return made;
  }

  private concept(resource: StoreResource): PlainConcept {
    const known = this.concepts.get(resource.id);
    if (known !== undefined) return known;
    const made: PlainConcept = { id: resource.value, name: this.name(resource) };
    this.concepts.set(resource.id, made);
    this.positions.set(made, numberOrNull(this.read.value(resource, schema.position)));
    return made;
  }

  private goal(resource: StoreResource): PlainGoal {
    const known = this.goals.get(resource.id);
    if (known !== undefined) return known;
    const made: PlainGoal = {
      id: resource.value,
      name: this.name(resource),
      description: this.read.text(resource, skos.definition, this.language) ?? this.read.text(resource, dcterms.description, this.language),
      position: numberOrNull(this.read.value(resource, schema.position)),
    };
    this.goals.set(resource.id, made);
    return made;
  }

  private grant(resource: StoreResource): PlainGrant {
    const known = this.grants.get(resource.id);
    if (known !== undefined) return known;
    const made: PlainGrant = {
      id: resource.value,
      name: this.name(resource),
      funders: sortedOnce(this.read.resources(resource, schema.funder).map((funder) => this.organisation(funder)), byName),
      period: this.periodOf(resource),
    };
    this.grants.set(resource.id, made);
    return made;
  }

  private periodOf(resource: StoreResource): PlainPeriod | null {
    const period = this.read.resource(resource, dcterms.temporal);
    if (period === null) return null;
    let made = this.periods.get(period.id);
    if (made === undefined) this.periods.set(period.id, (made = { start: this.read.value(period, dcat.startDate), end: this.read.value(period, dcat.endDate) }));
    return made;
  }

  private name(resource: StoreResource): string | null {
    return this.read.text(resource, skos.prefLabel, this.language);
  }
}

function numberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}
