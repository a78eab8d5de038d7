import { connectionType } from '../common/connection';
import { Country } from './country.type';

export const CountryConnection = connectionType(Country, 'Country', 'countries');
