// The shortcut table: each key maps to one action, Ctrl/⌘ and Alt are told apart, letters are
// case-insensitive, typing targets are recognised, and stepping through a list clamps.

import { describe, expect, it } from 'vitest';
import { actionForKey, isTypingTarget, SHORTCUTS, stepThrough } from '../../src/workspace/shortcuts.ts';

describe('actionForKey', () => {
  it('maps the listed keys', () => {
    expect(actionForKey({ key: 'ArrowDown' })).toBe('next-image');
    expect(actionForKey({ key: 'J' })).toBe('next-image');
    expect(actionForKey({ key: 'PageUp' })).toBe('previous-image');
    expect(actionForKey({ key: 'n' })).toBe('next-series');
    expect(actionForKey({ key: 'b' })).toBe('draw-box');
    expect(actionForKey({ key: 'Delete' })).toBe('delete-box');
    expect(actionForKey({ key: 'Backspace' })).toBe('delete-box');
    expect(actionForKey({ key: 'a' })).toBe('accept-suggestion');
    expect(actionForKey({ key: 'r' })).toBe('reject-suggestion');
    expect(actionForKey({ key: 'e' })).toBe('export');
    expect(actionForKey({ key: 'e', ctrlKey: true })).toBe('export');
    expect(actionForKey({ key: 'e', metaKey: true })).toBe('export');
    expect(actionForKey({ key: '?' })).toBe('help');
    expect(actionForKey({ key: 'Escape' })).toBe('close');
  });
  it('leaves browser combinations and unlisted keys alone', () => {
    expect(actionForKey({ key: 'r', ctrlKey: true })).toBeNull(); // reload
    expect(actionForKey({ key: 'b', altKey: true })).toBeNull();
    expect(actionForKey({ key: 'x' })).toBeNull();
    expect(actionForKey({ key: 'F5' })).toBeNull();
  });
  it('never binds one key to two actions', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) for (const k of s.keys) {
      const id = `${s.ctrl ? 'ctrl+' : ''}${k}`;
      expect(seen.get(id) ?? s.action, id).toBe(s.action);
      seen.set(id, s.action);
    }
  });
});

describe('isTypingTarget', () => {
  it('treats text fields, selects and editable content as typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });
  it('does not treat buttons, checkboxes or the page as typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('stepThrough', () => {
  it('steps and clamps at both ends', () => {
    expect(stepThrough([1, 2, 3], 2, 1)).toBe(3);
    expect(stepThrough([1, 2, 3], 3, 1)).toBe(3);
    expect(stepThrough([1, 2, 3], 1, -1)).toBe(1);
    expect(stepThrough([1, 2, 3], null, 1)).toBe(1);
    expect(stepThrough([1, 2, 3], 9, -1)).toBe(3);
    expect(stepThrough([], 1, 1)).toBeNull();
  });
});
