// Port picking for the local stack: a stack picks all its ports before any of its servers listens,
// so a port must not be handed out twice by the same process.
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';

describe('Local ports', () => {
  it('never hands out a port twice in one process, even before anything listens on it', async () => {
    // Act: as many picks as several stacks make (random picks in 12,000 ports repeat after ~140)
    const ports: number[] = [];
    for (let i = 0; i < 600; i++) ports.push(await freePort());

    // Assess
    expect(new Set(ports).size).toBe(ports.length);
  });
});
