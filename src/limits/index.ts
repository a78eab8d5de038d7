export { shapeLimitRules, parseOptions, keepLimitCode, limitError, tokensLimitMessage, type ShapeLimits, type LimitName } from './shape.js';
export {
  costLimitPlugin,
  costEstimator,
  computeQueryCost,
  costLimitMessage,
  DEFAULT_PAGE_SIZE,
  NESTED_LIST_SIZE,
  QUERY_COST,
} from './cost.js';
