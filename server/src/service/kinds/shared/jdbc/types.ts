import type { JdbcUrlSite } from '../../../core/types';
import type { JdbcUrl } from '../../../parse/jdbcUrl';

/**
 * What every `jdbc/*` rule receives: the parsed URL and the site it was found at. Rules report `start`/`end`
 * and fix edits in DECODED URL coordinates (offsets into `site.text`, which is `url.text`) with decoded
 * replacement text; the engine maps them to raw document ranges and edits with `site.span` and `site.edit`.
 */
export interface JdbcRuleInput {
  url: JdbcUrl;
  site: JdbcUrlSite;
}
