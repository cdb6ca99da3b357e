/**
 * The features reach the layout through a context (set once by App) rather than by import, so that
 * a feature's component may render a slot (Paramètres renders `settings.section`) without importing
 * the list that imports it.
 */
import { createContext, useContext } from 'react';
import { placedIn, type ConsoleFeature, type Slot as SlotName } from './console-feature';

const FeaturesContext = createContext<readonly ConsoleFeature[]>([]);

export const FeaturesProvider = FeaturesContext.Provider;

export function useFeatures(): readonly ConsoleFeature[] {
  return useContext(FeaturesContext);
}

/** Renders, in order, what every feature placed in `name`. */
export function Slot({ name }: { name: SlotName }) {
  const placed = placedIn(useFeatures(), name);
  return (
    <>
      {placed.map(({ component: Placed }, i) => (
        <Placed key={i} />
      ))}
    </>
  );
}
