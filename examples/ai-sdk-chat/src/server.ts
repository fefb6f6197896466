import { chooseModel } from './choose-model.js';
import { createChatServer } from './create-chat-server.js';

const port = Number(process.env.PORT ?? 3000);
const { model, description } = chooseModel();
const { server } = createChatServer({ model });
server.listen(port, () => {
  console.log(`oso-agents AI SDK chat on http://localhost:${port} with ${description}.`);
  console.log('Ask it to "Summarise my inbox": a planted email makes it try to mail out a private file.');
});
