// The tools of the corpus, modelled on the AgentDojo suites (workspace, slack, banking, travel;
// https://github.com/ethz-spylab/agentdojo, MIT) plus a coding/support agent of our own. Buckets
// are fixed by override so the figures do not depend on the classifier; destination arguments
// are left to the engine's name inference (`recipients`, `channel`, `url`, `user_email`…), as a
// user who registers a framework's tools would leave them.
import type { Capability, ToolDefinition } from '@oso-agents/core';

const A: Capability = 'untrusted_content';
const B: Capability = 'private_data';
const C: Capability = 'external_or_state_change';

function tool(name: string, capabilities: Capability[], parameters: string[]): ToolDefinition {
  return {
    name,
    capabilities,
    inputSchema: { type: 'object', properties: Object.fromEntries(parameters.map((parameter) => [parameter, {}])) },
  };
}

export const CORPUS_TOOLS: Record<string, ToolDefinition[]> = {
  mail: [
    // Received mail is written by others (A) and is the user's own (B).
    tool('search_emails', [A, B], ['query', 'sender']),
    tool('get_unread_emails', [A, B], []),
    tool('send_email', [C], ['recipients', 'cc', 'bcc', 'subject', 'body']),
    tool('delete_email', [C], ['email_id']),
  ],
  calendar: [
    tool('search_calendar_events', [A, B], ['query', 'date']),
    tool('get_day_calendar_events', [A, B], ['day']),
    tool('create_calendar_event', [C], ['title', 'start_time', 'end_time', 'description', 'participants', 'location']),
    tool('reschedule_calendar_event', [C], ['event_id', 'new_start_time', 'new_end_time']),
    tool('add_calendar_event_participants', [C], ['event_id', 'participants']),
  ],
  drive: [
    tool('search_files', [A, B], ['query']),
    tool('get_file_by_id', [A, B], ['file_id']),
    tool('create_file', [C], ['filename', 'content']),
    tool('share_file', [C], ['file_id', 'email', 'permission']),
    tool('delete_file', [C], ['file_id']),
  ],
  contacts: [tool('search_contacts_by_name', [B], ['query'])],
  slack: [
    tool('get_channels', [B], []),
    tool('get_users_in_channel', [B], ['channel']),
    tool('read_channel_messages', [A, B], ['channel']),
    tool('read_inbox', [A, B], ['user']),
    tool('send_direct_message', [C], ['recipient', 'body']),
    tool('send_channel_message', [C], ['channel', 'body']),
    tool('invite_user_to_slack', [C], ['user', 'user_email']),
    tool('add_user_to_channel', [C], ['user', 'channel']),
  ],
  // A GET carries data in its URL: fetching is untrusted content and an external action.
  web: [tool('get_webpage', [A, C], ['url']), tool('post_webpage', [C], ['url', 'content'])],
  bank: [
    tool('get_most_recent_transactions', [A, B], ['n']),
    tool('get_scheduled_transactions', [B], []),
    tool('get_balance', [B], []),
    tool('read_file', [A, B], ['file_path']),
    tool('send_money', [C], ['recipient', 'amount', 'subject', 'date']),
    tool('update_scheduled_transaction', [C], ['id', 'recipient', 'amount', 'subject', 'date', 'recurring']),
    tool('get_user_info', [B], []),
    tool('update_password', [C], ['password']),
    tool('update_user_info', [C], ['first_name', 'last_name', 'street', 'city']),
  ],
  travel: [
    tool('get_rating_reviews_for_hotels', [A], ['hotel_names']),
    tool('get_hotels_prices', [A], ['hotel_names']),
    tool('get_user_information', [B], []),
    tool('reserve_hotel', [C], ['hotel', 'start_day', 'end_day']),
  ],
  repo: [
    tool('read_issue', [A], ['number']),
    tool('read_file', [B], ['path']),
    tool('get_ci_status', [B], ['run_id']),
  ],
  http: [tool('post', [C], ['url', 'body'])],
  helpdesk: [tool('read_ticket', [A, B], ['ticket_id'])],
  chat: [tool('post_message', [C], ['channel', 'text'])],
};
