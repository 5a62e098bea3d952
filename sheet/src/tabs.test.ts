import { describe, expect, it } from 'vitest';
import { datasetOfTab, findTabs } from './tabs.ts';

const datasets = [
  { id: 'production', title: 'Production', tab: 'Production' },
  { id: 'elements', title: 'Elements', tab: 'Elements' },
];

describe('findTabs', () => {
  it('finds each tab by its name, or by the one title differing in case or spaces', () => {
    const found = findTabs(datasets, ['Notes', ' production ', 'Elements']);
    expect(found.map((f) => ('title' in f ? f.title : f.missing))).toEqual([' production ', 'Elements']);
  });

  it('says which tab is missing, and which titles are too alike to choose from', () => {
    const [production, elements] = findTabs(datasets, ['production', 'PRODUCTION']);
    expect(production).toMatchObject({
      missing: expect.stringContaining('(“PRODUCTION”, “production”): rename all but one'),
    });
    expect(elements).toMatchObject({ missing: 'This spreadsheet has no tab named “Elements”.' });
  });
});

describe('datasetOfTab', () => {
  it('is the dataset a tab holds, and none for a tab of notes', () => {
    expect(datasetOfTab(datasets, ['Production', 'Notes'], 'Production')?.dataset.id).toBe('production');
    expect(datasetOfTab(datasets, ['Production', 'Notes'], 'Notes')).toBeUndefined();
  });
});
