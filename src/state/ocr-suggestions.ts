// PLACEHOLDER (helper delivery): helper redact-ui owns this module and replaces it with the real
// OCR suggestion state. The keyboard shortcuts A / R call these two functions; each returns
// whether a focused suggestion was accepted or rejected (nothing to act on here yet).

export function acceptFocusedSuggestion(): boolean {
  return false;
}

export function rejectFocusedSuggestion(): boolean {
  return false;
}
