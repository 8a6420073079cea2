import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode, Term } from 'n3';
import type { DatasetHistory, VersionRecord } from '../store/DatasetStore.js';
import { isAcceptableIri } from '../rdf/checkTerms.js';
import { dcat, dcterms, foaf, kg, mediaTypeIri, prov, rdf, xsd } from '../rdf/vocabulary.js';

const { namedNode, literal, quad, blankNode } = DataFactory;

/**
 * The catalogue's account of every dataset's versions (DCAT 3 versioning
 * with PROV): each dataset that is served names its current version
 * (`dcat:version`, `dcat:hasCurrentVersion`) and every version it has had
 * (`dcat:hasVersion`, and `dcterms:hasVersion` for DCAT-AP harvesters). Each
 * version with content is a `dcat:Dataset` at its permanent IRI
 * (kg.datasetVersion), with its number, time, `dcat:previousVersion`, a
 * distribution at `{publicUrl}/datasets/{slug}/versions/{n}`, and
 * `prov:wasGeneratedBy` the publishing activity, which `prov:wasAssociatedWith`
 * the publisher: an IRI when the publisher is named by one, else an agent
 * with that name. Withdrawals are activities in the history, not versions.
 *
 * DCAT-AP 3.0 asks every dcat:Dataset for a title and a description: a
 * version is titled as its dataset is (each title with "version N", or the
 * slug when it has none) and described by its number, dataset and time. It
 * and its distribution are under the dataset's licences.
 */
export function describeVersions(histories: readonly DatasetHistory[], publicUrl: string, of: VersionContext): Quad[] {
  const quads: Quad[] = [];
  const add = (subject: NamedNode | BlankNode, predicate: NamedNode, object: Term) => quads.push(quad(subject, predicate, object as NamedNode));
  for (const { slug, versions } of histories) {
    const dataset = kg.dataset(slug);
    const current = versions.at(-1);
    const withContent = versions.filter((record) => record.activity !== 'withdraw');
    if (current !== undefined && current.activity !== 'withdraw') {
      add(dataset, dcat.version, literal(String(current.version)));
      add(dataset, dcat.hasCurrentVersion, kg.datasetVersion(slug, current.version));
    }
    let previous: NamedNode | undefined;
    for (const record of withContent) {
      const version = kg.datasetVersion(slug, record.version);
      add(dataset, dcat.hasVersion, version);
      add(dataset, dcterms.hasVersion, version);
      add(version, rdf.type, dcat.Dataset);
      add(version, dcterms.isVersionOf, dataset);
      add(version, dcat.version, literal(String(record.version)));
      add(version, dcterms.issued, literal(record.created, xsd.dateTime));
      const titles = of.titles(dataset);
      for (const title of titles.length > 0 ? titles : [literal(slug)]) {
        add(version, dcterms.title, literal(`${title.value} (version ${record.version})`, title.language || undefined));
      }
      add(version, dcterms.description, literal(`Version ${record.version} of the dataset ${slug}, published ${record.created}.`, 'en'));
      add(version, dcterms.description, literal(`Version ${record.version} av datamängden ${slug}, publicerad ${record.created}.`, 'sv'));
      const licenses = of.licenses(dataset);
      for (const license of licenses) add(version, dcterms.license, license);
      if (previous !== undefined) add(version, dcat.previousVersion, previous);
      previous = version;
      const download = namedNode(`${publicUrl}/datasets/${slug}/versions/${record.version}`);
      const distribution = blankNode(`version_${slug.replace(/-/g, '_')}_${record.version}`);
      add(version, dcat.distribution, distribution);
      add(distribution, rdf.type, dcat.Distribution);
      add(distribution, dcat.downloadURL, download);
      add(distribution, dcat.accessURL, download);
      add(distribution, dcat.mediaType, mediaTypeIri('text/turtle'));
      for (const license of licenses) add(distribution, dcterms.license, license);
      describeActivity(add, version, record);
    }
  }
  return quads;
}

/** What the catalogue knows of a dataset that its versions repeat. */
export interface VersionContext {
  /** The dataset's titles (none: its slug stands for it). */
  titles(dataset: NamedNode): Literal[];
  /** The licences the dataset is under. */
  licenses(dataset: NamedNode): Term[];
}

function describeActivity(add: (subject: NamedNode | BlankNode, predicate: NamedNode, object: Term) => void, version: NamedNode, record: VersionRecord): void {
  const activity = namedNode(`${version.value}#activity`);
  add(version, prov.wasGeneratedBy, activity);
  add(activity, rdf.type, prov.Activity);
  add(activity, prov.endedAtTime, literal(record.created, xsd.dateTime));
  add(activity, dcterms.title, literal(record.activity === 'rollback' ? `rollback to version ${record.restores}` : record.activity, 'en'));
  if (record.restores !== undefined) add(activity, prov.used, namedNode(version.value.replace(/\d+$/, String(record.restores))));
  add(activity, prov.wasAssociatedWith, agentOf(add, record.publisher));
}

/** The publisher as an agent: the seed is the catalogue's publisher, an IRI stands for itself, a name gets an agent of its own. */
function agentOf(add: (subject: NamedNode | BlankNode, predicate: NamedNode, object: Term) => void, publisher: string): NamedNode | BlankNode {
  if (publisher === 'seed') return kg.kulturskolegrafen;
  if (/^https?:\/\//.test(publisher) && isAcceptableIri(publisher)) return namedNode(publisher);
  const agent = blankNode(`publisher_${Buffer.from(publisher).toString('hex').slice(0, 64)}`);
  add(agent, rdf.type, prov.Agent);
  add(agent, foaf.name, literal(publisher));
  return agent;
}
