import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SiteOutline } from '../domain/site-outline';
import type { SiteOutlines } from '../ports/site-outlines';

const OUTLINE_SORT_KEY = 'site-outline';
/** Kept while the agent is in use: a discovery rewrites it; a month untouched, it goes. */
const OUTLINE_RETENTION_SECONDS = 30 * 24 * 3600;

/** One item per agent in the ledger table (`site-outline#<agent>`): the outline as JSON. */
export class DynamoDbSiteOutlines implements SiteOutlines {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(agentId: string): Promise<SiteOutline | undefined> {
    // Eventually consistent: half the read cost, and a suggestion a second old is as good.
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: `site-outline#${agentId}` }, sk: { S: OUTLINE_SORT_KEY } } }));
    const body = Item?.body?.S;
    if (!body) return undefined;
    try {
      const parsed = JSON.parse(body) as Partial<SiteOutline>;
      const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
      return { pages: strings(parsed.pages), sections: strings(parsed.sections), ...(typeof parsed.commit === 'string' ? { commit: parsed.commit } : {}) };
    } catch {
      return undefined;
    }
  }

  async write(agentId: string, outline: SiteOutline): Promise<void> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          pk: { S: `site-outline#${agentId}` },
          sk: { S: OUTLINE_SORT_KEY },
          body: { S: JSON.stringify(outline) },
          writtenAt: { S: this.now().toISOString() },
          expiresAt: { N: String(nowSeconds + OUTLINE_RETENTION_SECONDS) },
        },
      }),
    );
  }
}
