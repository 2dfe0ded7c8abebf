import { stableStringify } from '../lib/json.ts';
import { ModelCardSchema, type ModelCard } from '../schemas/model-card.ts';

/**
 * `model-card.json`: the card object (ModelCardSchema) as stable JSON, keys sorted, 2-space
 * indent, trailing newline. Checked against the schema so a download never breaks its contract.
 * @throws ZodError when the card does not match the schema (a bug, not a user error).
 */
export function modelCardJson(card: ModelCard): string {
	return stableStringify(ModelCardSchema.parse(card));
}
