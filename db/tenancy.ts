import type { Model, ModelStatic } from 'sequelize';

/**
 * Tenant scoping, enforced once: every query on a model with a `bodyId` column must name the body
 * in its top-level `where` (or, for inserts, carry a bodyId). A query that forgets it throws before
 * reaching the database, so cross-tenant reads cannot be written by accident. The rare legitimate
 * cross-tenant query (e.g. a platform-wide health report) passes `{ allTenants: true }`.
 */
export class TenantScopeError extends Error {
  constructor(model: string, operation: string) {
    super(`${operation} on ${model} without a body scope (where.bodyId)`);
    this.name = 'TenantScopeError';
  }
}

interface ScopedOptions {
  where?: unknown;
  allTenants?: boolean;
}

function hasBodyScope(options: ScopedOptions): boolean {
  if (options.allTenants === true) return true;
  const where = options.where as Record<string, unknown> | undefined;
  // Some operations (destroy) see the where clause already mapped to column names.
  return !!where && ['bodyId', 'body_id'].some((k) => Object.prototype.hasOwnProperty.call(where, k) && where[k] !== undefined);
}

export function enforceTenantScope(model: ModelStatic<Model>): void {
  const name = model.name;
  const guard = (operation: string) => (options: ScopedOptions) => {
    if (!hasBodyScope(options)) throw new TenantScopeError(name, operation);
  };
  model.addHook('beforeFind', guard('find'));
  model.addHook('beforeCount', guard('count'));
  model.addHook('beforeBulkUpdate', guard('update'));
  model.addHook('beforeBulkDestroy', guard('destroy'));
  model.addHook('beforeCreate', (instance: Model) => {
    if (!instance.get('bodyId')) throw new TenantScopeError(name, 'create');
  });
  model.addHook('beforeBulkCreate', (instances: Model[]) => {
    if (instances.some((i) => !i.get('bodyId'))) throw new TenantScopeError(name, 'bulk create');
  });
}
