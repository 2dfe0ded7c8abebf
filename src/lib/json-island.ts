/**
 * JSON for a `<script type="application/json">` data island. `<` is written as `\u003c` so no
 * value (a run name such as `</script><script>…`, or `<!--`) can end the element or open a
 * comment; U+2028 and U+2029 are escaped as well so the text is also a valid JavaScript
 * literal. `JSON.parse` reads the result back to the same value.
 */
export function jsonIsland(value: unknown): string {
	return (JSON.stringify(value) ?? 'null')
		.replaceAll('<', '\\u003c')
		.replaceAll('\u2028', '\\u2028')
		.replaceAll('\u2029', '\\u2029');
}
