// Assay for Google Sheets, built from sheet/src by `npm run build:sheet`: edit the sources, not this file.
// How to install it and what it does: docs/editors.md.
"use strict";
var AssayAddon = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key2 of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key2) && key2 !== except)
          __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // sheet/src/main.ts
  var main_exports = {};
  __export(main_exports, {
    assayCheckTab: () => assayCheckTab,
    assayOpenPage: () => assayOpenPage,
    assayPublishAll: () => assayPublishAll,
    assayPublishTab: () => assayPublishTab,
    assaySaveSettings: () => assaySaveSettings,
    assaySelectCell: () => assaySelectCell,
    assaySettings: () => assaySettings,
    onInstall: () => onInstall,
    onOpen: () => onOpen
  });

  // <define:ASSAY_DATASETS>
  var define_ASSAY_DATASETS_default = [{ id: "production", title: "Rare-earth production by country", tab: "Production" }, { id: "dependence", title: "Dependence on rare-earth suppliers", tab: "Dependence" }, { id: "elements", title: "The 17 rare-earth elements", tab: "Elements" }, { id: "partnership", title: "The US–Japan rare-earth partnership", tab: "Partnership" }, { id: "players", title: "Key players", tab: "Players" }, { id: "projects", title: "Partnership projects", tab: "Projects" }, { id: "timeline", title: "Rare-earth timeline", tab: "Timeline" }];

  // sheet/src/outcome.ts
  function changeCounts(changes) {
    return `(+${changes.added} −${changes.removed} ~${changes.changed})`;
  }
  var rows = (n) => `${n} ${n === 1 ? "row" : "rows"}`;
  function changeWords(changes) {
    const parts = [
      changes.added > 0 ? `add ${rows(changes.added)}` : "",
      changes.removed > 0 ? `remove ${rows(changes.removed)}` : "",
      changes.changed > 0 ? `change ${rows(changes.changed)}` : ""
    ].filter((part) => part !== "");
    if (parts.length === 0) return "change nothing";
    return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  }

  // sheet/src/answers.ts
  var isCount = (value) => typeof value === "number" && Number.isInteger(value) && value >= 0;
  function changesOf(body) {
    const changes = body.changes;
    if (typeof changes !== "object" || changes === null) return void 0;
    const { added, removed, changed } = changes;
    return isCount(added) && isCount(removed) && isCount(changed) ? { added, removed, changed } : void 0;
  }
  var listLimit = 200;
  function issuesOf(list) {
    if (!Array.isArray(list)) return [];
    return list.slice(0, listLimit).flatMap((item) => {
      const { message, cell, column } = item != null ? item : {};
      if (typeof message !== "string") return [];
      const issue = { message };
      if (typeof cell === "string" && cell !== "") issue.cell = cell;
      if (typeof column === "string" && column !== "") issue.column = column;
      return [issue];
    });
  }
  var rows2 = (n) => `${n} ${n === 1 ? "row" : "rows"}`;
  var problemsWord = (n) => `${n} ${n === 1 ? "problem" : "problems"}`;
  function parse(text) {
    try {
      const body = JSON.parse(text);
      return typeof body === "object" && body !== null && !Array.isArray(body) ? body : void 0;
    } catch {
      return void 0;
    }
  }
  function outcomeOf(answer, context) {
    const base = { tab: context.tab, problems: [], warnings: [] };
    if ("unreachable" in answer)
      return {
        ...base,
        kind: "failed",
        summary: `Could not reach the Worker at ${context.url} (${answer.unreachable}). Nothing was published.`,
        advice: "Check the Worker URL in Assay → Settings…, then try again."
      };
    const body = parse(answer.text);
    const { status } = answer;
    const warnings = issuesOf(body == null ? void 0 : body.warnings);
    const changes = body && changesOf(body);
    if (status === 201 && body && isCount(body.version) && changes)
      return {
        ...base,
        kind: "published",
        summary: `Published version ${body.version} ${changeCounts(changes)}`,
        page: context.page,
        warnings
      };
    if (status === 200 && context.dryRun && (body == null ? void 0 : body.valid) === true && isCount(body.rowCount) && changes) {
      const refusal = body.refusal;
      if (typeof refusal === "object" && refusal !== null)
        return { ...base, kind: "refused", ...refused(refusal, context), page: context.page, warnings };
      const nothing = changes.added + changes.removed + changes.changed === 0;
      return {
        ...base,
        kind: "checked",
        summary: nothing ? `No problems: ${rows2(body.rowCount)}, the same as the published version.` : `No problems: ${rows2(body.rowCount)}. Publishing would ${changeWords(changes)} ${changeCounts(changes)}.`,
        page: context.page,
        warnings
      };
    }
    if (status === 200 && (body == null ? void 0 : body.unchanged) === true && isCount(body.version))
      return {
        ...base,
        kind: "unchanged",
        summary: `Unchanged: version ${body.version} already holds what this tab holds.`,
        page: context.page,
        warnings
      };
    if (status === 422 && body && Array.isArray(body.problems)) {
      const problems = issuesOf(body.problems);
      const listed = Array.isArray(body.problems) ? body.problems.length : 0;
      const count = Math.max(isCount(body.problemCount) ? body.problemCount : 0, listed, problems.length);
      return {
        ...base,
        kind: "problems",
        summary: context.dryRun ? `${problemsWord(count)} to fix before this tab can be published.` : `${problemsWord(count)}: nothing was published; readers keep the last good version.`,
        advice: "Select a cell below to go to it; fix it, then check the tab again.",
        problems,
        problemCount: count,
        warnings
      };
    }
    const detail = typeof (body == null ? void 0 : body.detail) === "string" ? body.detail : void 0;
    if (detail === void 0 || typeof (body == null ? void 0 : body.title) !== "string")
      return {
        ...base,
        kind: "failed",
        summary: `The server at ${context.url} answered ${status} with something that is not an Assay answer. Nothing was published.`,
        advice: "Check the Worker URL in Assay → Settings…."
      };
    if (status === 409) return { ...base, kind: "refused", ...refused(body, context) };
    if (status === 401)
      return {
        ...base,
        kind: "refused",
        summary: `The Worker at ${context.url} did not accept the token in Settings. Nothing was published.`,
        ...adviceFor(status)
      };
    return { ...base, kind: status >= 500 ? "failed" : "refused", summary: detail, ...adviceFor(status) };
  }
  function refused(body, context) {
    const { currentVersion, removing, rows: of } = body;
    if (isCount(removing) && isCount(of)) {
      const what = `remove ${removing} of the ${of} rows, more than this dataset allows in one publish`;
      return {
        summary: context.dryRun ? `No problems in the cells, but publishing would be refused: it would ${what}.` : `Not published: this would ${what}. Readers keep the last good version.`,
        advice: "If rows were deleted or cut by mistake, put them back. If they should go, ask someone with an admin token to publish anyway."
      };
    }
    if (isCount(currentVersion))
      return {
        summary: `Not published: version ${currentVersion} was published from somewhere else (a rollback, or the scheduled sync) after this spreadsheet last published${context.baseVersion === void 0 ? "" : ` (version ${context.baseVersion})`}.`,
        advice: `Check this tab to see what publishing would change; publish again to replace version ${currentVersion} with this tab.`
      };
    return {
      summary: typeof body.detail === "string" ? body.detail : `The Worker refused (${String(body.title)}).`
    };
  }
  function adviceFor(status) {
    if (status === 401)
      return { advice: "Ask your Assay administrator for a publish token and paste it in Assay → Settings…." };
    if (status >= 500)
      return { advice: "Nothing was published; readers keep the last good version. Try again in a minute." };
    return {};
  }

  // src/datasets/coerce/formula-error.ts
  var stillLoading = "Loading...";
  var formulaErrors = /* @__PURE__ */ new Set([
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#ERROR!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#GETTING_DATA",
    "#BLOCKED!",
    "#BUSY!",
    "#CONNECT!",
    "#EXTERNAL!",
    "#PYTHON!",
    "#TIMEOUT!",
    "#UNKNOWN!"
  ]);
  function formulaError(cell) {
    if (typeof cell !== "string") return void 0;
    const text = cell.trim();
    if (text === stillLoading) return stillLoading;
    const upper = text.toUpperCase();
    return formulaErrors.has(upper) ? upper : void 0;
  }

  // sheet/src/number-format.ts
  function numberFormatType(pattern) {
    const trimmed = pattern.trim();
    if (trimmed === "" || /^general$/i.test(trimmed) || trimmed === "0.###############") return void 0;
    if (trimmed === "@") return "TEXT";
    const section = firstSection(trimmed);
    const currency = /\[\$[^\]]*\]|[$€£¥₹₩]/.test(section);
    const tokens = section.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[(?![hms]+\])[^\]]*\]/gi, "").replace(/_.|\*./g, "");
    if (tokens.includes("%")) return "PERCENT";
    if (/[0#?][.,]?[0#?]*E[+-]/i.test(tokens)) return "SCIENTIFIC";
    const date = /[dy]/i.test(tokens) || /(^|[^hs:])m{3,}/i.test(tokens);
    const time = /[hs]|am\/pm|a\/p/i.test(tokens);
    if (date && time) return "DATE_TIME";
    if (date) return "DATE";
    if (time) return "TIME";
    if (currency) return "CURRENCY";
    return /[0#?]/.test(tokens) ? "NUMBER" : void 0;
  }
  function firstSection(pattern) {
    let quoted = false;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "\\") i++;
      else if (c === '"') quoted = !quoted;
      else if (c === ";" && !quoted) return pattern.slice(0, i);
    }
    return pattern;
  }

  // sheet/src/cells.ts
  var isDate = (value) => Object.prototype.toString.call(value) === "[object Date]";
  function cellData(value, display, pattern, serialOf) {
    var _a;
    if (value === "" || value === null || value === void 0) return {};
    if (typeof value === "boolean") return { effectiveValue: { boolValue: value }, formattedValue: display };
    if (isDate(value)) {
      const type = (_a = numberFormatType(pattern)) != null ? _a : "DATE";
      return number(serialOf(value), display, type === "DATE_TIME" || type === "TIME" ? type : "DATE");
    }
    if (typeof value === "number") return number(value, display, numberFormatType(pattern));
    const text = String(value);
    if (display === text && text !== stillLoading && formulaError(text) !== void 0)
      return { effectiveValue: { errorValue: { type: "ERROR", message: text } }, formattedValue: text };
    return { effectiveValue: { stringValue: text } };
  }
  function number(value, display, type) {
    return {
      effectiveValue: { numberValue: value },
      formattedValue: display,
      ...type ? { effectiveFormat: { numberFormat: { type } } } : {}
    };
  }
  function rowData(reading, serialOf) {
    const rows3 = reading.values.map((row, r) => {
      const cells = row.map(
        (value, c) => {
          var _a, _b, _c, _d;
          return cellData(value, (_b = (_a = reading.displays[r]) == null ? void 0 : _a[c]) != null ? _b : "", (_d = (_c = reading.formats[r]) == null ? void 0 : _c[c]) != null ? _d : "", serialOf);
        }
      );
      const last = lastIndex(cells, (cell) => cell.effectiveValue !== void 0);
      return last === -1 ? {} : { values: cells.slice(0, last + 1) };
    });
    return rows3.slice(0, lastIndex(rows3, (row) => row.values !== void 0) + 1);
  }
  function lastIndex(items, test) {
    for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
    return -1;
  }
  var dayMs = 864e5;
  var serialEpoch = Date.UTC(1899, 11, 30);
  function serialOfWallClock(text) {
    const match = /^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(text);
    if (!match) throw new Error(`Not a wall-clock time: ${text}`);
    const [, y, mo, d, h, mi, s, ms] = match.map(Number);
    const utc = /* @__PURE__ */ new Date(0);
    utc.setUTCFullYear(y, mo - 1, d);
    utc.setUTCHours(h, mi, s, ms);
    return (utc.getTime() - serialEpoch) / dayMs;
  }
  var wallClockPattern = "yyyy-MM-dd'T'HH:mm:ss.SSS";

  // sheet/src/marks.ts
  var notePrefix = "Assay: ";
  var highlight = "#f4cccc";
  var noBackground = "#ffffff";
  var markLimit = 50;
  function problemCell(ref) {
    var _a;
    if (ref === void 0) return void 0;
    const local = ref.slice(ref.lastIndexOf("!") + 1);
    if (/^[A-Z]+\d+$/.test(local)) return local;
    const row = (_a = /^(\d+):\d+$/.exec(local)) == null ? void 0 : _a[1];
    return row === void 0 ? void 0 : `A${row}`;
  }
  function notesByCell(problems, limit = markLimit) {
    const notes = /* @__PURE__ */ new Map();
    for (const problem of problems) {
      const cell = problemCell(problem.cell);
      if (cell === void 0) continue;
      const messages = notes.get(cell);
      if (messages) messages.push(problem.message);
      else if (notes.size < limit) notes.set(cell, [problem.message]);
    }
    return notes;
  }
  function editorNote(note) {
    if (!note.startsWith(notePrefix)) return note;
    const end = note.indexOf("\n\n");
    return end === -1 ? "" : note.slice(end + 2);
  }
  function marked(cell, messages, before) {
    const ours = notePrefix + messages.join(`
${notePrefix}`);
    const own = editorNote(before.note);
    const note = own === "" ? ours : `${ours}

${own}`;
    const mark = { cell };
    if (own !== "") mark.note = own;
    if (before.background.toLowerCase() !== noBackground) mark.background = before.background;
    return { look: { note, background: highlight }, mark };
  }
  function unmarked(mark, now) {
    var _a, _b;
    const restore = {};
    if (now.note.startsWith(notePrefix)) restore.note = (_a = mark.note) != null ? _a : "";
    if (now.background.toLowerCase() === highlight) restore.background = (_b = mark.background) != null ? _b : null;
    return restore;
  }

  // sheet/src/html-data.ts
  var dataSlot = "<!-- assay:data -->";
  function dataElement(data) {
    const json = JSON.stringify(data).replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
    );
    return `<script type="application/json" id="assay-data">${json}</script>`;
  }
  function withData(html, data) {
    if (!html.includes(dataSlot)) throw new Error("The page has no place for its data.");
    return html.replace(dataSlot, () => dataElement(data));
  }

  // sheet/src/pages.ts
  function page(file, data) {
    const html = HtmlService.createHtmlOutputFromFile(file).getContent();
    return HtmlService.createHtmlOutput(withData(html, data)).setTitle("Assay");
  }
  function showSidebar(data) {
    SpreadsheetApp.getUi().showSidebar(page("Sidebar", data));
  }
  function showDialog(data, title) {
    SpreadsheetApp.getUi().showModelessDialog(page("Sidebar", data).setWidth(380).setHeight(200), title);
  }
  function showSettings(data) {
    SpreadsheetApp.getUi().showModalDialog(
      page("Settings", data).setWidth(460).setHeight(420),
      "Assay settings"
    );
  }

  // sheet/src/settings.ts
  var settingKeys = { url: "ASSAY_URL", token: "ASSAY_TOKEN" };
  function workerUrl(text) {
    const url = text.trim().replace(/\/+$/, "");
    if (/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i.test(url)) return url;
    if (/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s?#]*)?$/i.test(url)) return url;
    return {
      error: "The Worker URL must start with https:// and name the Worker, like https://assay.example.workers.dev."
    };
  }
  function publishToken(text) {
    const trimmed = text.trim();
    const token = trimmed.slice(trimmed.indexOf(":") + 1);
    if (/^[\x21-\x7e]{8,}$/.test(token)) return token;
    return {
      error: "The token should be the long code your Assay administrator gave you (at least 8 characters, no spaces)."
    };
  }
  function maskedToken(token) {
    return token.length >= 16 ? `••••••••${token.slice(-4)}` : "••••••••";
  }

  // sheet/src/stored-json.ts
  var chunk = 8e3;
  function readJson(properties, key2) {
    var _a, _b;
    const count = Number((_a = properties.getProperty(key2)) != null ? _a : "0");
    if (!(count > 0)) return void 0;
    let text = "";
    for (let i = 0; i < count; i++) text += (_b = properties.getProperty(`${key2}.${i}`)) != null ? _b : "";
    try {
      return JSON.parse(text);
    } catch {
      return void 0;
    }
  }
  function writeJson(properties, key2, value) {
    deleteJson(properties, key2);
    if (value === void 0) return;
    const text = JSON.stringify(value);
    const parts = {};
    const count = Math.max(1, Math.ceil(text.length / chunk));
    for (let i = 0; i < count; i++) parts[`${key2}.${i}`] = text.slice(i * chunk, (i + 1) * chunk);
    parts[key2] = String(count);
    properties.setProperties(parts);
  }
  function deleteJson(properties, key2) {
    var _a;
    const count = Number((_a = properties.getProperty(key2)) != null ? _a : "0");
    for (let i = 0; i < count; i++) properties.deleteProperty(`${key2}.${i}`);
    properties.deleteProperty(key2);
  }

  // sheet/src/tab-marks.ts
  var key = (sheet) => `ASSAY_MARKS_${sheet.getSheetId()}`;
  function remark(sheet, problems) {
    var _a;
    const properties = PropertiesService.getDocumentProperties();
    for (const mark of (_a = readJson(properties, key(sheet))) != null ? _a : []) {
      let range;
      try {
        range = sheet.getRange(mark.cell);
      } catch {
        continue;
      }
      const restore = unmarked(mark, { note: range.getNote(), background: range.getBackground() });
      if (restore.note !== void 0) range.setNote(restore.note);
      if (restore.background !== void 0) range.setBackground(restore.background);
    }
    sweepMovedNotes(sheet);
    const marks = [];
    for (const [cell, messages] of notesByCell(problems)) {
      const range = sheet.getRange(cell);
      const { look, mark } = marked(cell, messages, {
        note: range.getNote(),
        background: range.getBackground()
      });
      range.setNote(look.note);
      range.setBackground(look.background);
      marks.push(mark);
    }
    if (marks.length === 0) deleteJson(properties, key(sheet));
    else writeJson(properties, key(sheet), marks);
    return marks.length;
  }
  function sweepMovedNotes(sheet) {
    const range = sheet.getDataRange();
    range.getNotes().forEach((row, r) => {
      row.forEach((note, c) => {
        if (note.startsWith(notePrefix)) range.getCell(r + 1, c + 1).setNote(editorNote(note));
      });
    });
  }

  // scripts/sync/sources/tab-names.ts
  function matchTab(names, exact, loose2) {
    if (names.includes(exact)) return { name: exact };
    const candidates = names.filter(loose2);
    if (candidates.length === 0) return void 0;
    return candidates.length === 1 ? { name: candidates[0] } : { ambiguous: candidates.sort() };
  }
  var loose = (name) => name.normalize("NFC").toLowerCase();
  function tabTitle(tab, titles) {
    const wanted = loose(tab.trim());
    return matchTab(titles, tab, (title) => loose(title.trim()) === wanted);
  }

  // sheet/src/tabs.ts
  function findTabs(datasets, titles) {
    return datasets.map((dataset) => {
      const match = tabTitle(dataset.tab, titles);
      if (match === void 0)
        return { dataset, missing: `This spreadsheet has no tab named “${dataset.tab}”.` };
      if ("ambiguous" in match)
        return {
          dataset,
          missing: `Several tabs could be “${dataset.tab}” (${match.ambiguous.map((t) => `“${t}”`).join(", ")}): rename all but one.`
        };
      return { dataset, title: match.name };
    });
  }
  function datasetOfTab(datasets, titles, title) {
    return findTabs(datasets, titles).find((found) => "title" in found && found.title === title);
  }

  // sheet/src/worker-api.ts
  function postSheet(settings, datasetId, body) {
    try {
      const response = UrlFetchApp.fetch(
        `${settings.url}/admin/v1/datasets/${encodeURIComponent(datasetId)}/sheet`,
        {
          method: "post",
          contentType: "application/json",
          payload: JSON.stringify(body),
          headers: {
            authorization: `Bearer ${settings.token}`,
            accept: "application/json, application/problem+json"
          },
          muteHttpExceptions: true,
          followRedirects: false
        }
      );
      return { status: response.getResponseCode(), text: response.getContentText() };
    } catch (error) {
      return { unreachable: error instanceof Error ? error.message : String(error) };
    }
  }

  // sheet/src/main.ts
  function onOpen() {
    SpreadsheetApp.getUi().createMenu("Assay").addItem("Check this tab", "assayCheckTab").addItem("Publish this tab", "assayPublishTab").addItem("Publish all tabs", "assayPublishAll").addSeparator().addItem("Open the published page", "assayOpenPage").addItem("Settings…", "assaySettings").addToUi();
  }
  function onInstall() {
    onOpen();
  }
  function assayCheckTab() {
    runOnActiveTab("check");
  }
  function assayPublishTab() {
    runOnActiveTab("publish");
  }
  function assayPublishAll() {
    const settings = loadSettings();
    if (!settings) return showSidebar(needsSettings("publish-all"));
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const titles = spreadsheet.getSheets().map((sheet) => sheet.getName());
    const tabs = [];
    const missing = [];
    for (const found of findTabs(define_ASSAY_DATASETS_default, titles)) {
      if ("missing" in found) missing.push(found.missing);
      else
        tabs.push(
          runTab(spreadsheet, spreadsheet.getSheetByName(found.title), found.dataset, settings, "publish")
        );
    }
    showSidebar({
      action: "publish-all",
      heading: "Publish all tabs",
      ...tabs.length === 0 ? { notice: `No tab of this spreadsheet is an Assay dataset. ${datasetList()}` } : missing.length > 0 ? { notice: `${missing.join(" ")} Its dataset was left as it is.` } : {},
      links: [],
      tabs
    });
  }
  function assayOpenPage() {
    const settings = loadSettings();
    if (!settings) return showSidebar(needsSettings("open"));
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const title = spreadsheet.getActiveSheet().getName();
    const found = datasetOfTab(define_ASSAY_DATASETS_default, sheetTitles(spreadsheet), title);
    const links = found ? [{ text: `${found.dataset.title} on Assay`, href: `${settings.url}/datasets/${found.dataset.id}` }] : [{ text: "Every dataset on Assay", href: `${settings.url}/` }];
    showDialog(
      {
        action: "open",
        heading: "The published page",
        ...found ? {} : { notice: `“${title}” is not an Assay dataset tab.` },
        links,
        tabs: []
      },
      "Open the published page"
    );
  }
  function assaySettings() {
    var _a;
    const settings = loadSettings();
    showSettings({ url: (_a = settings == null ? void 0 : settings.url) != null ? _a : "", token: settings ? maskedToken(settings.token) : "" });
  }
  function assaySaveSettings(form) {
    var _a, _b;
    const url = workerUrl(String((_a = form.url) != null ? _a : ""));
    if (typeof url !== "string") return url;
    const properties = PropertiesService.getScriptProperties();
    const typed = String((_b = form.token) != null ? _b : "");
    if (typed.trim() === "" && !properties.getProperty(settingKeys.token))
      return { error: "Paste the publish token your Assay administrator gave you." };
    const token = typed.trim() === "" ? void 0 : publishToken(typed);
    if (typeof token === "object") return token;
    properties.setProperties({ [settingKeys.url]: url, ...token ? { [settingKeys.token]: token } : {} });
    return { saved: true };
  }
  function assaySelectCell(ref) {
    const text = String(ref);
    if (!/^(?:'(?:[^']|'')+'|[^!'"]+)!(?:[A-Z]+\d+|\d+:\d+)$/.test(text))
      return { error: `“${text}” is not a cell of this spreadsheet.` };
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const tab = text.slice(0, text.lastIndexOf("!")).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const sheet = spreadsheet.getSheetByName(tab);
    if (!sheet) return { error: `There is no tab named “${tab}” any more.` };
    sheet.getRange(text.slice(text.lastIndexOf("!") + 1)).activate();
    return { selected: text };
  }
  function runOnActiveTab(mode) {
    const action = mode;
    const settings = loadSettings();
    if (!settings) return showSidebar(needsSettings(action));
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = spreadsheet.getActiveSheet();
    const found = datasetOfTab(define_ASSAY_DATASETS_default, sheetTitles(spreadsheet), sheet.getName());
    const heading = mode === "check" ? "Check this tab" : "Publish this tab";
    if (!found)
      return showSidebar({
        action,
        heading,
        notice: `“${sheet.getName()}” is not an Assay dataset tab. ${datasetList()}`,
        links: [],
        tabs: []
      });
    showSidebar({
      action,
      heading,
      links: [],
      tabs: [runTab(spreadsheet, sheet, found.dataset, settings, mode)]
    });
  }
  var versionKey = (dataset) => `ASSAY_VERSION_${dataset.id}`;
  function runTab(spreadsheet, sheet, dataset, settings, mode) {
    var _a;
    if (!sheet) throw new Error(`The tab for ${dataset.id} went away while publishing.`);
    const title = sheet.getName();
    const documentProperties = PropertiesService.getDocumentProperties();
    const remembered = Number((_a = documentProperties.getProperty(versionKey(dataset))) != null ? _a : Number.NaN);
    const baseVersion = mode === "publish" && Number.isInteger(remembered) ? remembered : void 0;
    const answer = postSheet(settings, dataset.id, {
      sheet: { title, rowData: readTab(spreadsheet, sheet) },
      ...mode === "check" ? { dryRun: true } : {},
      ...baseVersion === void 0 ? {} : { baseVersion },
      source: { kind: "google", spreadsheet: spreadsheet.getId(), tab: title }
    });
    const outcome = outcomeOf(answer, {
      tab: title,
      dryRun: mode === "check",
      url: settings.url,
      page: `${settings.url}/datasets/${dataset.id}`,
      ...baseVersion === void 0 ? {} : { baseVersion }
    });
    const version = versionOf(answer);
    if (version !== void 0) documentProperties.setProperty(versionKey(dataset), String(version));
    if (["published", "unchanged", "checked", "problems"].includes(outcome.kind)) {
      const marked2 = remark(sheet, outcome.problems);
      if (marked2 < notesByCell(outcome.problems, Number.POSITIVE_INFINITY).size) outcome.marked = marked2;
    }
    return outcome;
  }
  function versionOf(answer) {
    if ("unreachable" in answer || ![200, 201, 409].includes(answer.status)) return void 0;
    try {
      const body = JSON.parse(answer.text);
      const version = answer.status === 409 ? body.currentVersion : body.valid === void 0 ? body.version : void 0;
      return typeof version === "number" && Number.isInteger(version) ? version : void 0;
    } catch {
      return void 0;
    }
  }
  function readTab(spreadsheet, sheet) {
    const range = sheet.getDataRange();
    const zone = spreadsheet.getSpreadsheetTimeZone();
    return rowData(
      { values: range.getValues(), displays: range.getDisplayValues(), formats: range.getNumberFormats() },
      (date) => serialOfWallClock(Utilities.formatDate(date, zone, wallClockPattern))
    );
  }
  function loadSettings() {
    const properties = PropertiesService.getScriptProperties();
    const url = properties.getProperty(settingKeys.url);
    const token = properties.getProperty(settingKeys.token);
    return url && token ? { url, token } : void 0;
  }
  function needsSettings(action) {
    return {
      action,
      heading: "Assay needs its settings",
      notice: "Set the Worker URL and your publish token first: Assay → Settings…. Your Assay administrator can give you both.",
      links: [],
      tabs: []
    };
  }
  var sheetTitles = (spreadsheet) => spreadsheet.getSheets().map((sheet) => sheet.getName());
  var datasetList = () => `Assay publishes these tabs: ${define_ASSAY_DATASETS_default.map((d) => d.tab).join(", ")}.`;
  return __toCommonJS(main_exports);
})();

function assayCheckTab(...args) {
  return AssayAddon.assayCheckTab(...args);
}

function assayOpenPage(...args) {
  return AssayAddon.assayOpenPage(...args);
}

function assayPublishAll(...args) {
  return AssayAddon.assayPublishAll(...args);
}

function assayPublishTab(...args) {
  return AssayAddon.assayPublishTab(...args);
}

function assaySaveSettings(...args) {
  return AssayAddon.assaySaveSettings(...args);
}

function assaySelectCell(...args) {
  return AssayAddon.assaySelectCell(...args);
}

function assaySettings(...args) {
  return AssayAddon.assaySettings(...args);
}

function onInstall(...args) {
  return AssayAddon.onInstall(...args);
}

function onOpen(...args) {
  return AssayAddon.onOpen(...args);
}
