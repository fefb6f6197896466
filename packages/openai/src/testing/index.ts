export {
  startScriptedOpenAIServer,
  type ScriptedOpenAIServer,
  type ScriptedReply,
  type ScriptedRequest,
  type ScriptedToolCall,
  type ScriptedTurn,
} from './scripted-openai-server.js';
