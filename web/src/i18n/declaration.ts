/**
 * The mediator's declaration of independence and impartiality (art. 14 d.lgs. 28/2010; DM 150/2023
 * art. 22), in Italian only: it is the legal text of the procedure and what the mediator signs,
 * whatever the UI language. The text is sent as shown, with its version, and kept in the record of
 * the designation (docs/api.md, answer-appointment): a new wording needs a new version.
 */
export const DECLARATION_VERSION = '2026-01';

export const DECLARATION_LANG = 'it';

export const declarationVersionLine = `(versione ${DECLARATION_VERSION})`;

export const declarationTitle = 'Dichiarazione di indipendenza e imparzialità del mediatore';

export const declarationIntro =
  'Il/La sottoscritto/a, designato/a quale mediatore nel presente procedimento di mediazione, ai sensi dell’articolo 14 ' +
  'del decreto legislativo 4 marzo 2010, n. 28, e dell’articolo 22 del decreto del Ministro della giustizia ' +
  '24 ottobre 2023, n. 150, nonché del regolamento di procedura dell’organismo,';

export const declarationStatementsHeading = 'DICHIARA';

export const declarationStatements = [
  'di essere indipendente e imparziale rispetto a ciascuna delle parti e ai loro difensori, e neutrale rispetto all’oggetto della controversia;',
  'di non avere in corso, né di aver avuto negli ultimi due anni, rapporti professionali con alcuna delle parti, e che nessuna delle parti è assistita, né è stata assistita negli ultimi due anni, da un professionista suo socio o con lui associato o che eserciti la professione negli stessi locali;',
  'che non ricorre nei suoi confronti alcuna delle ipotesi previste dall’articolo 815, primo comma, numeri da 2 a 6, del codice di procedura civile;',
  'di non avere alcun interesse, diretto o indiretto, nell’esito della controversia e di non aver assunto diritti o obblighi connessi con l’affare trattato, salvo quelli strettamente inerenti alla prestazione dell’incarico;',
  'di non percepire, né di aver pattuito, compensi direttamente dalle parti.',
];

export const declarationCommitmentsHeading = 'SI IMPEGNA';

export const declarationCommitments = [
  'a informare immediatamente l’organismo e le parti di ogni circostanza, anche sopravvenuta, che possa pregiudicare la sua indipendenza o imparzialità, rinunciando all’incarico quando essa lo richieda;',
  'a mantenere la riservatezza su quanto appreso in ragione del procedimento, ai sensi degli articoli 9 e 10 del decreto legislativo 4 marzo 2010, n. 28;',
  'a non intrattenere rapporti professionali con alcuna delle parti prima che siano decorsi almeno due anni dalla conclusione del procedimento;',
  'a osservare il regolamento di procedura e il codice etico dell’organismo e a corrispondere a ogni richiesta organizzativa del responsabile dell’organismo.',
];

export const declarationClosing =
  'Rilascia la presente dichiarazione consapevole che essa è conservata agli atti del procedimento presso l’organismo.';

/** How the items of the two lists are marked, on screen and in the signed text: "1.", "2."… and "a)", "b)"… */
export const statementMarker = (i: number) => `${i + 1}.`;
export const commitmentMarker = (i: number) => `${String.fromCharCode(97 + i)})`;

/** The declaration as one text, exactly as shown: what the API receives and the record keeps. */
export function declarationText(): string {
  const list = (items: string[], marker: (i: number) => string) => items.map((item, i) => `${marker(i)} ${item}`).join('\n');
  return [
    declarationTitle,
    declarationVersionLine,
    declarationIntro,
    declarationStatementsHeading,
    list(declarationStatements, statementMarker),
    declarationCommitmentsHeading,
    list(declarationCommitments, commitmentMarker),
    declarationClosing,
  ].join('\n\n');
}
