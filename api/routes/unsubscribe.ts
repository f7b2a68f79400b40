import express, { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { verifyUnsubscribeToken } from '../../config/signed-links';
import { recordUnsubscribe } from '../../db/repositories/mailings';

const page = (title: string, body: string) => `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:"Titillium Web",Helvetica,Arial,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{background:#0066cc;color:#fff;border:0;padding:.75rem 1.5rem;font-size:1rem;border-radius:4px;cursor:pointer}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const escape = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Newsletter unsubscription through the signed link in every newsletter: GET shows a confirmation
 * page (a link scanner that prefetches must not unsubscribe anyone), POST records it — also the
 * one-click POST of RFC 8058 that mail clients send for List-Unsubscribe-Post.
 */
export function unsubscribeRoutes(sequelize: Sequelize, config: Config): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '4kb' }));
  const invalid = page('Collegamento non valido', '<p>Il collegamento per annullare l’iscrizione non è valido. Usare il collegamento completo ricevuto nella newsletter.</p>');

  router.get('/', (req, res) => {
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const claim = verifyUnsubscribeToken(config.LINK_SIGNING_SECRET, token);
    if (!claim) return void res.status(400).type('html').send(invalid);
    res.type('html').send(
      page(
        'Annullare l’iscrizione alla newsletter',
        `<p>L’indirizzo <strong>${escape(claim.address)}</strong> non riceverà più la newsletter.</p>
<form method="post" action="?t=${encodeURIComponent(token)}"><button type="submit">Conferma l’annullamento</button></form>`,
      ),
    );
  });

  router.post('/', async (req, res) => {
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const claim = verifyUnsubscribeToken(config.LINK_SIGNING_SECRET, token);
    if (!claim) return void res.status(400).type('html').send(invalid);
    await recordUnsubscribe(sequelize, claim.bodyId, claim.address, String(req.id));
    res.type('html').send(page('Iscrizione annullata', '<p>Da ora non riceverà più la newsletter a questo indirizzo.</p>'));
  });
  return router;
}
