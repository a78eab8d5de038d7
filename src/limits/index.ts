export { shapeLimitRules, parseOptions, keepLimitCode, limitError, tokensLimitMessage, type ShapeLimits, type LimitName } from './shape.js';
export {
  costLimitPlugin,
  costEstimator,
  createCostEstimator,
  listBound,
  computeQueryCost,
  costLimitMessage,
  DEFAULT_PAGE_SIZE,
  NESTED_LIST_SIZE,
  QUERY_COST,
} from './cost.js';
export { createListBounds, readListBoundStats, type ListBoundStats } from './list-bounds.js';
export { chargeCost, clientOf, createRateLimits, requestRateLimit, type RateLimits } from './rate-limit.js';
