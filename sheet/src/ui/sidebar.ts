import type { Issue, SidebarData, TabOutcome } from '../outcome.ts';
import { callScript, pageData } from './google-script.ts';

/**
 * The sidebar: what a Check or Publish found, tab by tab. Built with DOM calls and `textContent`
 * only, so a message quoting what an editor typed is shown as text, never read as markup.
 */
function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const status = element('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

function outsideLink(text: string, href: string) {
  return element('a', { href, target: '_blank', rel: 'noopener' }, text);
}

/** A problem's cell as a button that selects it in the spreadsheet. */
function cellButton(cell: string) {
  const button = element('button', { type: 'button', class: 'cell', 'data-cell': cell }, cell);
  button.addEventListener('click', () => {
    status.textContent = '';
    callScript('assaySelectCell', cell).then(
      (result) => {
        const error = (result as { error?: string } | null)?.error;
        status.textContent = error ?? `Selected ${cell}.`;
      },
      (error: Error) => {
        status.textContent = `Could not select ${cell}: ${error.message}`;
      },
    );
  });
  return button;
}

/** A message with its column, as the sync prints it: `Share of global production (%): expected…`. */
const said = (issue: Issue) => (issue.column ? `${issue.column}: ${issue.message}` : issue.message);

function issueList(kind: 'problems' | 'warnings', issues: readonly Issue[], label: string, id: string) {
  const heading = element('h3', { id }, label);
  const list = element(
    'ul',
    { class: kind, 'aria-labelledby': id },
    ...issues.map((issue) =>
      element(
        'li',
        {},
        ...(issue.cell ? [cellButton(issue.cell), ' '] : []),
        element('span', {}, said(issue)),
      ),
    ),
  );
  return [heading, list];
}

const tone: Record<TabOutcome['kind'], string> = {
  published: 'good',
  unchanged: 'good',
  checked: 'good',
  problems: 'bad',
  refused: 'bad',
  failed: 'bad',
  skipped: 'neutral',
};

function tabSection(outcome: TabOutcome, index: number) {
  const id = `tab-${index}`;
  const section = element('section', { 'aria-labelledby': id });
  section.append(
    element('h2', { id }, outcome.tab),
    element('p', { class: `summary ${tone[outcome.kind]}` }, outcome.summary),
  );
  if (outcome.advice) section.append(element('p', { class: 'advice' }, outcome.advice));
  if (outcome.page)
    section.append(element('p', {}, outsideLink(`See ${outcome.tab} on Assay`, outcome.page)));
  if (outcome.problems.length > 0) {
    const count = outcome.problemCount ?? outcome.problems.length;
    const label =
      count > outcome.problems.length
        ? `Problems (the first ${outcome.problems.length} of ${count})`
        : 'Problems';
    section.append(...issueList('problems', outcome.problems, label, `${id}-problems`));
    if (outcome.marked !== undefined)
      section.append(
        element(
          'p',
          { class: 'advice' },
          `The first ${outcome.marked} problem cells are marked with a note in the tab.`,
        ),
      );
  }
  if (outcome.warnings.length > 0)
    section.append(...issueList('warnings', outcome.warnings, 'Warnings', `${id}-warnings`));
  return section;
}

function render(data: SidebarData) {
  const main = element('main', {}, element('h1', {}, data.heading));
  if (data.notice) main.append(element('p', { class: 'notice' }, data.notice));
  if (data.links.length > 0)
    main.append(
      element(
        'ul',
        { class: 'links' },
        ...data.links.map((l) => element('li', {}, outsideLink(l.text, l.href))),
      ),
    );
  data.tabs.forEach((outcome, index) => {
    main.append(tabSection(outcome, index));
  });
  main.append(status);
  document.body.replaceChildren(main);
}

render(pageData<SidebarData>());
