import type { RouteSpec } from '../registry.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { classRoutes } from './classes.ts';
import { connectLinkRoutes } from './connect-links.ts';
import { connectionRoutes } from './connections.ts';
import { learnerActionRoutes } from './learner-actions.ts';
import { learnerImportRoutes } from './learner-import.ts';
import { learnerReadRoutes } from './learners.ts';
import { metaRoutes } from './meta.ts';
import { programRoutes } from './programs.ts';
import { reportRoutes } from './reports.ts';
import { runRoutes } from './runs.ts';
import { tenantRoutes } from './tenant.ts';
import { tokenRoutes } from './tokens.ts';

/** Every route of the API, in documentation order: the one list the app and the document share. */
export function apiRoutes(): readonly RouteSpec[] {
  const routes: RouteSpec[] = [];
  routes.push(
    ...metaRoutes(() => routes),
    ...authRoutes,
    ...tenantRoutes,
    ...tokenRoutes,
    ...connectionRoutes,
    ...connectLinkRoutes,
    ...runRoutes,
    ...learnerReadRoutes,
    ...learnerImportRoutes,
    ...learnerActionRoutes,
    ...programRoutes,
    ...classRoutes,
    ...reportRoutes,
    ...auditRoutes,
  );
  return routes;
}
