import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, StateMachine } from './state-machine';

type Door = 'closed' | 'open' | 'locked' | 'walled';
const DOOR = new StateMachine<Door>({ closed: ['open', 'locked', 'walled'], open: ['closed'], locked: ['closed'], walled: [] });

describe('StateMachine', () => {
  it('allows the declared moves and returns the new state', () => {
    expect(DOOR.transition('closed', 'open')).toBe('open');
    expect(DOOR.can('locked', 'closed')).toBe(true);
  });

  it('refuses an undeclared move with an error naming both states and what moved', () => {
    expect(() => DOOR.transition('open', 'locked')).toThrow('Invalid state transition from open to locked');
    try {
      DOOR.transition('walled', 'open', 'porte 3');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error).toMatchObject({ from: 'walled', to: 'open', message: 'Invalid state transition from walled to open (porte 3)' });
    }
  });

  it('refuses a move to the same state unless it is declared', () => {
    expect(DOOR.can('open', 'open')).toBe(false);
  });

  it('tells final states and where a state may be reached from', () => {
    expect(DOOR.isFinal('walled')).toBe(true);
    expect(DOOR.isFinal('open')).toBe(false);
    expect(DOOR.sourcesOf('closed').sort()).toEqual(['locked', 'open']);
    expect(DOOR.sourcesOf('walled')).toEqual(['closed']);
    expect(DOOR.states).toEqual(['closed', 'open', 'locked', 'walled']);
  });
});
