/**
 * What the catalogue as a whole declares, for the Data Package at /v1/datapackage.json. The licence
 * is the publisher's statement about the data; change it here if the data is published under another.
 */
export const catalogue = {
  name: 'assay',
  title: 'Assay: rare-earth datasets',
  description:
    'Spreadsheet data on rare-earth elements, production and supply, published as versioned JSON and CSV.',
  licenses: [
    {
      name: 'CC-BY-4.0',
      title: 'Creative Commons Attribution 4.0',
      path: 'https://creativecommons.org/licenses/by/4.0/',
    },
  ],
};
