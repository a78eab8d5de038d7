// The country feature's SQL: the columns a Country is read with (Country.fromRow), over `c`.
import { sql } from '../common/sql';

export const COUNTRY_COLUMNS = sql`c.id, c.iso3, c.iso2, c.name, c.is_aggregate AS "isAggregate"`;
