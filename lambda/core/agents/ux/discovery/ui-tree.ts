/**
 * The rendered page as discovery sees it: one neutral tree built from JSX (with components
 * expanded where they are used) or from HTML. Every piece keeps the file and the offsets it
 * came from, so an edit changes exactly those characters and nothing else.
 */
/**
 * How text is written in a file's markup: `jsx` and `template` (Astro, Vue, Svelte, Go and Liquid
 * templates) escape `{` and `}` besides `&`, `<`, `>`; `html` only those three; `markdown` escapes
 * what Markdown would read as formatting; `js-template` is a JS template literal's text around
 * its `${…}` (escaping backticks, `${` and backslashes).
 */
export type MarkupSyntax = 'jsx' | 'html' | 'template' | 'markdown' | 'js-template';

export interface SourceRange {
  file: string;
  start: number;
  end: number;
}

/**
 * A string whose characters can be replaced in place: a JS string literal (quotes excluded), a
 * template chunk, an attribute value. Attribute values follow their file's rule: JSX, Astro and
 * Vue read `{` in a quoted value as a character (`jsx-attribute`); Svelte reads it as code and
 * decodes entities (`svelte-attribute`); HTML decodes entities (`html-attribute`).
 */
export interface StringSlot extends SourceRange {
  /** The text as written in the source (between the quotes). */
  raw: string;
  /**
   * How new text must be written there. `toml-literal` spans its quotes (an apostrophe turns it
   * into a basic string); `yaml-block` is a YAML scalar written over several lines, from its
   * `>-`/`|` header (or first character) to its end; `number` is a data number (`price: 22`).
   */
  syntax: 'js-single' | 'js-double' | 'js-template' | 'html-attribute' | 'jsx-attribute' | 'svelte-attribute' | 'yaml-plain' | 'yaml-double' | 'yaml-single' | 'yaml-block' | 'toml-basic' | 'toml-literal' | 'number';
  /** True when the string only applies under a condition (`cond && "…"`, one branch of `a ? b : c`). */
  conditional?: boolean;
  /** An HTML attribute value written without quotes (`class=title`): it can take no space. */
  unquoted?: boolean;
  /** The string is HTML rendered as markup (Astro `set:html`, Vue `v-html`, Svelte `{@html}`): new text is escaped as HTML first. */
  html?: boolean;
  /** The quote around an attribute value, which new text must not contain. */
  delimiter?: '"' | "'";
}

export type UiChild =
  | { kind: 'element'; node: UiNode }
  /** Text written in the markup (JSXText or an HTML text node); `value` is decoded (entities resolved). */
  | { kind: 'text'; range: SourceRange; raw: string; value: string; syntax: MarkupSyntax }
  /** A string literal in an expression (`{" "}`, `{'Hello'}`) or a config string the expression points at. */
  | { kind: 'string'; slot: StringSlot; value: string; viaConfig?: boolean; display: string; /** The `{expression}` in the markup that shows it. */ container?: SourceRange }
  /** Any other `{expression}`: kept as it is; `display` is its source, e.g. `{currentYear}`. */
  | { kind: 'expression'; range: SourceRange; display: string }
  /** A list of link objects rendered here (`links.map(…)`, or passed as `items={config.mainNav}`). */
  | { kind: 'links-array'; array: LinksArray; /** The elements rendered per entry (`<Button {...btnProps} />`), when known. */ rendered?: UiNode[] };

export interface UiNode {
  file: string;
  tag: string;
  /** The whole element, opening tag to closing tag. */
  range: SourceRange;
  /** Where a new attribute could be inserted (just after the tag name), for elements without a class attribute. */
  attributeInsertAt: number;
  line: number;
  attributes: Record<string, string>;
  /** The strings that make up the class attribute, resolved through variables and `cn()`/`clsx()` calls. */
  classSlots: StringSlot[];
  /** True when the class attribute exists but could not be followed to strings. */
  classUnresolved: boolean;
  /** The element has a class attribute (even one that could not be followed). */
  hasClassAttribute: boolean;
  /** `className={cn(…)}`: where one more string argument can be inserted (before the closing parenthesis). */
  classCallAt?: number;
  /** CSS-module classes (`className={styles.header}` with `styles` from `Header.module.css`). */
  moduleClasses?: Array<{ file: string; name: string }>;
  /** A literal `href`/`to` attribute. */
  link?: StringSlot;
  /**
   * Attributes whose words a visitor or a search engine reads (`<meta content>`, `<Seo title
   * description>`), with where their value is written: in place, or in the config it comes from.
   */
  attributeSlots?: Record<string, { slot: StringSlot; value: string }>;
  children: UiChild[];
  /** The component this node was rendered by (e.g. "HeroSection"), when it is the root of a component's output. */
  component?: string;
  /** True for the root of a component's output placed under the element that uses the component. */
  rendered?: boolean;
  /** The component used, when it renders as another tag (`<TextEffect as="h1">` is an `h1`). */
  componentTag?: string;
  /** Where the opening tag ends (after its `>`). */
  openingEnd: number;
  syntax: MarkupSyntax;
  /** A self-closing element (`<br />`, `<Icon />`). */
  selfClosing: boolean;
  /** Shown only under a condition (`{user && <li>…}`, `v-if`, `{#if}`, `{% if %}`). */
  conditional?: boolean;
  /** Rendered by the site's theme from configuration: it has no markup of its own to edit. */
  configured?: boolean;
  /**
   * The theme's CSS custom properties that colour this element (`--ifm-navbar-background-color`),
   * and the site's stylesheets where they are set, or added to `:root` — or to the rule of `scope`
   * when the theme sets the variable on the element itself (`.footer--dark`).
   */
  styleVariables?: { background?: string; text?: string; stylesheets: string[]; scope?: { background?: string; text?: string } };
}

export interface LinkEntry {
  /** The whole entry, e.g. `{ href: '/blog', title: 'Blog' }`. */
  range: SourceRange;
  label: StringSlot;
  labelValue: string;
  /** The target string; absent when the target is computed (`href: getBlogPermalink()`): such an entry is renamed or removed, never copied. */
  target?: StringSlot;
  /** The target as written: the string, or the code computing it. */
  targetValue: string;
  /** The call the target string is passed through (`getPermalink('/about')`): a copy keeps it, for a path. */
  wrapper?: SourceRange;
  /** The target names a document or a sidebar (Docusaurus `type: 'doc'`, `'docSidebar'`), not an address: never copied for a new link. */
  reference?: boolean;
  /** The key holding the target (`to` for a site path, `href` for an address, in Docusaurus). */
  targetKey: string;
  /** A name that must stay unique in the list (Hugo's menu `identifier`): a copy gets one made from its label. */
  identifier?: StringSlot;
  /** A number that orders the list (Hugo's `weight`): a copy added last gets the next one. */
  order?: { start: number; end: number; value: number };
  /** Keys of the entry in source order. */
  keys: string[];
}

export interface LinksArray {
  /** The array literal, `[` to `]`. */
  range: SourceRange;
  line: number;
  labelKey: string;
  targetKey: string;
  /** `id`-style lists are rendered as `#${id}`: new targets must be anchors. */
  targetIsAnchorId: boolean;
  entries: LinkEntry[];
  /** A short name, e.g. `headerNavLinks` or `marketingConfig.mainNav`. */
  name: string;
  /** Every element of the array, links or not, when some are not links (the separators between them are kept). */
  others?: SourceRange[];
  /**
   * The list names pages of the site by their file (minima's `header_pages: [about.md]`), each link
   * reading the page's own title: a new link is a page of the site, added by its file.
   */
  pages?: Array<{ route: string; file: string; title?: string }>;
  /** Why links of this list can be renamed but not added or removed (a theme listing every titled page by itself). */
  fixed?: string;
}

export function* elements(node: UiNode): Generator<UiNode> {
  yield node;
  for (const child of node.children) if (child.kind === 'element') yield* elements(child.node);
}

export function* descendants(node: UiNode): Generator<UiNode> {
  for (const child of node.children) if (child.kind === 'element') yield* elements(child.node);
}
