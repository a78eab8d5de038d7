import { connectionType } from '../common/connection';
import { ProductionYear } from './production-year.type';

export const ProductionYearConnection = connectionType(ProductionYear, 'ProductionYear', 'production rows');
