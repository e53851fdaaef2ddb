// Typed arrays handed from one snapshot to the next, so that diffing several large snapshots holds one
// graph's worth of arrays instead of waiting for the garbage collector to free the previous graph's.

type TypedArrayConstructor = Uint8ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor;
type TypedArray = Uint8Array | Uint32Array | Float64Array;

/** Room made for the next snapshot, which usually holds more nodes (the leak). */
const HEADROOM = 1.25;

export class ArrayPool {
  private readonly buffers = new Map<string, ArrayBuffer>();

  /** A zeroed array of `length` for the role `name`, in the buffer the role used before when it is big enough. */
  take<Constructor extends TypedArrayConstructor>(name: string, Type: Constructor, length: number): InstanceType<Constructor> {
    const bytes = length * Type.BYTES_PER_ELEMENT;
    let buffer = this.buffers.get(name);
    if (buffer === undefined || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(Math.ceil(length * HEADROOM) * Type.BYTES_PER_ELEMENT);
      this.buffers.set(name, buffer);
      return new Type(buffer, 0, length) as InstanceType<Constructor>;
    }
    const array = new Type(buffer, 0, length) as TypedArray;
    array.fill(0);
    return array as InstanceType<Constructor>;
  }
}

/** No reuse: fresh arrays, for a single snapshot or a caller that keeps its graphs. */
export const FRESH: Pick<ArrayPool, 'take'> = {
  take: (_name, Type, length) => new Type(length) as never,
};
