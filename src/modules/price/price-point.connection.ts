import { connectionType } from '../common/connection';
import { PricePoint } from './price-point.type';

export const PricePointConnection = connectionType(PricePoint, 'PricePoint', 'prices');
