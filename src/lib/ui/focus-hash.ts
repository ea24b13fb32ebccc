/** Moves focus to the element the URL's hash names (an error-summary link from another page). */
export function focusHashTarget(): boolean {
	const id = decodeURIComponent(location.hash.slice(1));
	if (!id) return false;
	const target = document.getElementById(id);
	if (!target) return false;
	target.focus();
	target.scrollIntoView({ block: 'center' });
	return true;
}
