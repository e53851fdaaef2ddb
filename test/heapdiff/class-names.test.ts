// Class names as the snapshot's own nodes give them (Node 22: a closure scope is an object named
// `system / Context`, a Buffer's memory a native `system / JSArrayBufferData`).

import { describe, expect, it } from 'vitest';
import { classNameOf, isInternalClass, isProgramNode } from '../../src/heapdiff/snapshot.js';

describe('classNameOf', () => {
  it('objects by constructor, closures as name(), V8 parts in brackets', () => {
    expect(classNameOf('object', 'Grant')).toBe('Grant');
    expect(classNameOf('closure', 'onConfigChange')).toBe('onConfigChange()');
    expect(classNameOf('closure', '')).toBe('(anonymous)()');
    expect(classNameOf('object', 'system / Context')).toBe('(Context)');
    expect(classNameOf('native', 'system / JSArrayBufferData')).toBe('(JSArrayBufferData)');
    expect(classNameOf('hidden', 'system / PropertyArray')).toBe('(PropertyArray)');
    expect(classNameOf('string', undefined)).toBe('(string)');
    expect(classNameOf('concatenated string', undefined)).toBe('(string)');
    expect(classNameOf('array', '')).toBe('(array)');
    expect(classNameOf('code', 'system / ScopeInfo')).toBe('(compiled code)');
  });

  it('program nodes own their V8 parts; a closure scope is a part though V8 calls it an object', () => {
    expect(isProgramNode('object', 'Map')).toBe(true);
    expect(isProgramNode('closure', 'flushChunk')).toBe(true);
    expect(isProgramNode('object', 'system / Context')).toBe(false);
    expect(isProgramNode('native', 'system / JSArrayBufferData')).toBe(false);
    expect(isProgramNode('array', '')).toBe(false);
    expect(isInternalClass('(Context)')).toBe(true);
    expect(isInternalClass('Grant')).toBe(false);
  });
});
