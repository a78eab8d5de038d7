export { createDepthLimitRule, depthLimitMessage, DEPTH_MEASURE_CAP } from './depth.js';
export {
  costLimitPlugin,
  costEstimator,
  computeQueryCost,
  costLimitMessage,
  DEFAULT_PAGE_SIZE,
  NESTED_LIST_SIZE,
  QUERY_COST,
} from './cost.js';
