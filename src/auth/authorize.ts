// Which role an operation needs, checked once it is parsed and before anything runs: each root field
// declares the roles that may use it (`@RequiresRole`, kept in the field's extensions, so the schema
// says it once), and the check happens in didResolveOperation, before execution and before the cost
// plugin's data-dependent work, so that a refused write reads and writes nothing.
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { Extensions } from 'type-graphql';
import { ErrorCodes } from '../errors.js';
import { WWW_AUTHENTICATE, type AuthState } from './authenticate.js';
import type { Principal, Role } from './keys.js';

const ROLES_EXTENSION = 'requiredRoles';

/** Marks a root field as usable only with an API key of one of these roles. */
export function RequiresRole(...roles: Role[]): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Extensions({ [ROLES_EXTENSION]: roles });
}

/** The roles a field of a root type asks for; undefined when anyone may use it. */
export function requiredRoles(type: GraphQLObjectType, field: string): readonly Role[] | undefined {
  return type.getFields()[field]?.extensions?.[ROLES_EXTENSION] as Role[] | undefined;
}

/** The names of the root fields an operation selects (through fragments spread at the top). */
export function rootFieldNames(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) names.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) for (const n of rootFieldNames(sel.selectionSet, fragments, seen)) names.add(n);
    else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
      seen.add(sel.name.value);
      for (const n of rootFieldNames(fragments[sel.name.value].selectionSet, fragments, seen)) names.add(n);
    }
  }
  return names;
}

const list = (roles: readonly string[]) => roles.join(' or ');

function unauthenticated(field: string, roles: readonly Role[]): GraphQLError {
  return new GraphQLError(
    `"${field}" needs an API key with the role ${list(roles)}: send it as \`Authorization: Bearer <key>\` (keys are made with \`npm run keys -- create\`).`,
    { extensions: { code: ErrorCodes.UNAUTHENTICATED, http: { status: 401, headers: new Map([['www-authenticate', WWW_AUTHENTICATE]]) } } },
  );
}

function forbidden(field: string, roles: readonly Role[], principal: Principal): GraphQLError {
  return new GraphQLError(`The API key "${principal.name}" has the role ${principal.role}; "${field}" needs the role ${list(roles)}.`, {
    extensions: { code: ErrorCodes.FORBIDDEN, http: { status: 403 } },
  });
}

function unavailable(): GraphQLError {
  return new GraphQLError('The API key could not be checked: the database did not answer. Nothing was written; try again shortly.', {
    extensions: { code: ErrorCodes.SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '5']]) } },
  });
}

/**
 * Refuses an operation whose root fields need a role the request's key does not have, before it
 * runs. `stateOf` gives the request's AuthState from its context; the principal allowed is left in
 * the context by `setPrincipal` for the resolvers (which record it as the writer).
 */
export function authorizationPlugin(stateOf: (ctx: object) => AuthState): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const op = rc.operation;
          if (!op) return;
          const root = rc.schema.getRootType(op.operation);
          if (!root) return;
          const fragments = Object.fromEntries(
            rc.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          for (const field of rootFieldNames(op.selectionSet, fragments)) {
            const roles = requiredRoles(root, field);
            if (!roles) continue;
            const auth = stateOf(rc.contextValue);
            if (auth.state === 'unavailable') throw unavailable();
            if (auth.state !== 'key') throw unauthenticated(field, roles);
            if (!roles.includes(auth.principal.role)) throw forbidden(field, roles, auth.principal);
          }
        },
      };
    },
  };
}
