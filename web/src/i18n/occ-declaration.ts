/**
 * The crisis manager's declaration of independence on accepting an OCC appointment, in Italian only:
 * it is what the crisis manager signs, whatever the UI language. Sent as shown with its version and
 * kept in the designation's record (docs/api.md, answer-appointment): a new wording needs a new version.
 */
export const OCC_DECLARATION_VERSION = 'occ-2026-01';

export const occDeclarationText =
  'Il/La sottoscritto/a, designato/a quale gestore della crisi nella presente procedura di composizione della crisi da ' +
  'sovraindebitamento, dichiara di essere indipendente rispetto al debitore e ai creditori, di non trovarsi in alcuna ' +
  'situazione di conflitto di interessi con essi, di non aver avuto con loro, negli ultimi cinque anni, rapporti di ' +
  'natura personale o professionale tali da comprometterne l’indipendenza, e accetta l’incarico impegnandosi a ' +
  'comunicare senza indugio all’Organismo ogni circostanza sopravvenuta che possa incidere sulla sua indipendenza.';
