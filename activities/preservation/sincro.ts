/**
 * The package index in the UNI 11386 SInCRO v2 structure (PIndex: SelfDescription, PVolume,
 * FileGroup/File with SHA-256 hashes, Process with submitter, holder, authorised signer and time
 * reference), and the ingest receipt (rapporto di versamento). Element names follow the open-source
 * SInCRO v2 implementations (the standard text itself is not public); hashes are hexadecimal.
 */
export const SINCRO_NS = 'http://www.uni.com/U3011/sincro-v2/';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface IndexFile {
  id: string;
  path: string;
  mediaType: string;
  extension: string;
  sha256: string;
  metadata: Record<string, string>;
}

export interface IndexInput {
  packageId: string;
  submissionId: string;
  classCode: string;
  className: string;
  body: { id: string; name: string; taxCode: string | null };
  source: string;
  createdAt: string;
  files: IndexFile[];
}

export function buildPIndex(p: IndexInput): string {
  const agentId = p.body.taxCode ? `VATIT-${p.body.taxCode}` : `ID-${p.body.id}`;
  const files = p.files
    .map(
      (f) => `    <File>
      <ID scheme="local">${esc(f.id)}</ID>
      <Format>${esc(f.mediaType)}</Format>
      <Extension>${esc(f.extension)}</Extension>
      <Path>${esc(f.path)}</Path>
      <Hash hashFunction="SHA-256">${f.sha256}</Hash>
      <MoreInfo><EmbeddedMetadata>
${Object.entries(f.metadata)
  .map(([k, v]) => `        <Metadato nome="${esc(k)}">${esc(v)}</Metadato>`)
  .join('\n')}
      </EmbeddedMetadata></MoreInfo>
    </File>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<PIndex xmlns="${SINCRO_NS}" language="it" sincroVersion="2.0" uri="urn:mediazione-aperta:pda:${p.packageId}">
  <SelfDescription>
    <ID scheme="local">${p.packageId}</ID>
    <PIndexSource><ID scheme="local">${esc(p.submissionId)}</ID></PIndexSource>
    <MoreInfo><EmbeddedMetadata><Origine>${esc(p.source)}</Origine></EmbeddedMetadata></MoreInfo>
  </SelfDescription>
  <PVolume>
    <ID scheme="local">${p.packageId}</ID>
    <Label>${esc(p.className)}</Label>
    <Description>Classe documentale ${esc(p.classCode)}</Description>
  </PVolume>
  <FileGroup>
    <Label>Documenti</Label>
${files}
  </FileGroup>
  <Process>
    <Submitter agentType="organization">
      <AgentID>${esc(agentId)}</AgentID>
      <AgentName><FormalName>${esc(p.body.name)}</FormalName></AgentName>
    </Submitter>
    <Holder agentType="organization" holderRole="soggetto produttore">
      <AgentID>${esc(agentId)}</AgentID>
      <AgentName><FormalName>${esc(p.body.name)}</FormalName></AgentName>
    </Holder>
    <AuthorizedSigner agentType="organization" signerRole="responsabile della conservazione">
      <AgentID>${esc(agentId)}</AgentID>
      <AgentName><FormalName>${esc(p.body.name)}</FormalName></AgentName>
    </AuthorizedSigner>
    <TimeReference><TimeInfo attachedTimeStamp="false">${p.createdAt}</TimeInfo></TimeReference>
    <LawsAndRegulations>Linee Guida AgID sulla formazione, gestione e conservazione dei documenti informatici (09-09-2020)</LawsAndRegulations>
  </Process>
</PIndex>
`;
}

/** The files an index lists, with their hashes (for audits and exhibition). */
export function readPIndexFiles(xml: string): { path: string; sha256: string }[] {
  return [...xml.matchAll(/<File>[\s\S]*?<Path>([^<]*)<\/Path>\s*<Hash hashFunction="SHA-256">([0-9a-f]{64})<\/Hash>[\s\S]*?<\/File>/g)].map((m) => ({
    path: m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
    sha256: m[2]!,
  }));
}

export function buildReceipt(r: { receiptId: string; packageId: string; submissionId: string; bodyName: string; classCode: string; createdAt: string; indexSha256: string; pdvSha256: string; files: number }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<RapportoDiVersamento id="${r.receiptId}">
  <Conservatore>${esc(r.bodyName)}</Conservatore>
  <Versamento>${esc(r.submissionId)}</Versamento>
  <PacchettoArchiviazione>${r.packageId}</PacchettoArchiviazione>
  <ClasseDocumentale>${esc(r.classCode)}</ClasseDocumentale>
  <RiferimentoTemporaleUTC>${r.createdAt}</RiferimentoTemporaleUTC>
  <NumeroFile>${r.files}</NumeroFile>
  <Impronta oggetto="PIndex.xml" algoritmo="SHA-256">${r.indexSha256}</Impronta>
  <Impronta oggetto="PdV" algoritmo="SHA-256">${r.pdvSha256}</Impronta>
  <Esito>ACCETTATO</Esito>
</RapportoDiVersamento>
`;
}
