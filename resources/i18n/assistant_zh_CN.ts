<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../assistant/models/hub.py" line="82"/>
        <source>{what}: this repository is gated. Accept its terms on huggingface.co with your account, then add your access token in Models → Hub token.</source>
        <translation>{what}：此仓库受限。请先用你的账号在 huggingface.co 上接受其条款，再在“模型 → Hub 令牌”中添加你的访问令牌。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="92"/>
        <source>{what}: no such repository on the Hub (or it is private: add an access token that can read it).</source>
        <translation>{what}：Hub 上没有这个仓库（或者它是私有的：请添加一个能读取它的访问令牌）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="97"/>
        <source>{what}: that file or revision is not in the repository.</source>
        <translation>{what}：仓库中没有该文件或版本。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="103"/>
        <source>{what}: the Hub answered with an error ({status}). Try again later.</source>
        <translation>{what}：Hub 返回了错误（{status}）。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="109"/>
        <source>{what}: offline mode is on (HF_HUB_OFFLINE); models on disk still work.</source>
        <translation>{what}：离线模式已开启（HF_HUB_OFFLINE）；磁盘上的模型仍可使用。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="128"/>
        <source>{what}: the Hub refused access. The repository is private or gated, or your access token is wrong or missing: set it in Models → Hub token (or `HF_TOKEN`).</source>
        <translation>{what}：Hub 拒绝访问。该仓库是私有或受限的，或者你的访问令牌有误或缺失：请在“模型 → Hub 令牌”中设置（或使用 `HF_TOKEN`）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="138"/>
        <source>{what}: the Hugging Face Hub could not be reached ({reason}). Check the connection; models already on disk still work.</source>
        <translation>{what}：无法连接 Hugging Face Hub（{reason}）。请检查网络连接；已在磁盘上的模型仍可使用。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="264"/>
        <source>{repo}: the Hub did not say which commit {revision} is.</source>
        <translation>{repo}：Hub 没有说明 {revision} 是哪个提交。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="272"/>
        <source>{repo} has no safetensors weights. Only safetensors are loaded: other formats (.bin, .pt) can run code when opened.</source>
        <translation>{repo} 没有 safetensors 权重。只加载 safetensors：其他格式（.bin、.pt）在打开时可能运行代码。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub.py" line="279"/>
        <source>{repo} has no config.json: it is not a transformers model repository.</source>
        <translation>{repo} 没有 config.json：它不是 transformers 模型仓库。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../assistant/app.py" line="116"/>
        <source>Assistant is already running. Switch to its window, or close it before starting another.</source>
        <translation>Assistant 已在运行。请切换到它的窗口，或先关闭它再启动新的。</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="123"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="126"/>
        <source>Conversation title</source>
        <translation>对话标题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="130"/>
        <source>System prompt preset</source>
        <translation>系统提示预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="131"/>
        <source>How the assistant should behave in this conversation</source>
        <translation>助手在此对话中的行为方式</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="137"/>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="139"/>
        <source>Whether a reasoning model thinks before it answers: slower, often better on hard questions</source>
        <translation>推理模型是否在回答前思考：更慢，但难题上往往更好</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="142"/>
        <source>Think: auto</source>
        <translation>思考：自动</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="143"/>
        <source>Think: on</source>
        <translation>思考：开启</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="144"/>
        <source>Think: off</source>
        <translation>思考：关闭</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="151"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="152"/>
        <source>Answer from your own documents (Library collections), with citations</source>
        <translation>根据你自己的文档（资料库中的资料集）回答，并注明出处</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="158"/>
        <source>Conversation settings…</source>
        <translation>对话设置…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="159"/>
        <source>Conversation settings</source>
        <translation>对话设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="160"/>
        <source>This conversation&apos;s system prompt and generation settings</source>
        <translation>此对话的系统提示和生成设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="188"/>
        <source>Restart engine</source>
        <translation>重启引擎</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="189"/>
        <source>Engine problem</source>
        <translation>引擎问题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="191"/>
        <location filename="../../assistant/ui/chat/panel.py" line="603"/>
        <location filename="../../assistant/ui/chat/panel.py" line="604"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="192"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="194"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="195"/>
        <source>Editing a sent message</source>
        <translation>正在编辑已发送的消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="199"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="200"/>
        <source>Message the model — Enter sends, Shift+Enter adds a line</source>
        <translation>给模型发消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="205"/>
        <source>Tokens in the message</source>
        <translation>消息中的词元数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="206"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="207"/>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="208"/>
        <source>Send (Enter)</source>
        <translation>发送 (Enter)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="210"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="211"/>
        <source>Stop reply</source>
        <translation>停止回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="212"/>
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="291"/>
        <source>No collections yet</source>
        <translation>还没有资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="299"/>
        <source>Open the Library…</source>
        <translation>打开资料库…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="310"/>
        <source>Documents: off</source>
        <translation>文档：关闭</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="312"/>
        <source>Documents: {0}</source>
        <translation>文档：{0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="314"/>
        <source>Documents: {0} collections</source>
        <translation>文档：{0} 个资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="484"/>
        <source>{0} older messages were left out to fit the context window.</source>
        <translation>为适应上下文窗口，省略了 {0} 条较早的消息。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="505"/>
        <source>The model spent the whole reply thinking and gave no answer. Raise the reply length in the chat settings, or regenerate.</source>
        <translation>模型把整个回复都用于思考，没有给出回答。请在对话设置中增大回复长度，或重新生成。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="542"/>
        <source>A reply is being written: wait for it, or stop it (Esc), first.</source>
        <translation>正在撰写回复：请等它写完，或先停止它（Esc）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="551"/>
        <source>There is no reply to regenerate yet: send a message first.</source>
        <translation>还没有可重新生成的回复：请先发送一条消息。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="573"/>
        <source>Editing a sent message: Enter sends it as a new branch; the original stays one click away.</source>
        <translation>正在编辑已发送的消息：按 Enter 以新分支发送，原消息仍可一键切换回去。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="598"/>
        <source>Message deleted.</source>
        <translation>消息已删除。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="616"/>
        <source>Recovered {0} records from {1}.</source>
        <translation>已从 {1} 恢复 {0} 条记录。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="620"/>
        <source>The conversation database was damaged and set aside as {0}; a new one was started.</source>
        <translation>对话数据库已损坏，已另存为 {0}，并新建了一个数据库。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="624"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="683"/>
        <source>{0} tokens</source>
        <translation>{0} 个词元</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="38"/>
        <location filename="../../assistant/ui/conversation_settings.py" line="39"/>
        <source>Conversation settings</source>
        <translation>对话设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="44"/>
        <location filename="../../assistant/ui/conversation_settings.py" line="47"/>
        <source>System prompt</source>
        <translation>系统提示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="45"/>
        <source>How the assistant should behave in this conversation</source>
        <translation>助手在此对话中的行为方式</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="51"/>
        <source>Save as new preset…</source>
        <translation>另存为新预设…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="52"/>
        <source>Save the system prompt as a new preset</source>
        <translation>将系统提示另存为新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="56"/>
        <source>Update “{0}”</source>
        <translation>更新“{0}”</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="57"/>
        <source>Update the preset with this system prompt</source>
        <translation>用此系统提示更新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="59"/>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="60"/>
        <source>Delete this preset</source>
        <translation>删除此预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="71"/>
        <source>Values left at the defaults follow the defaults in Settings.</source>
        <translation>保持默认的值将跟随“设置”中的默认值。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="76"/>
        <source>New preset</source>
        <translation>新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="76"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <location filename="../../assistant/ui/conversation_list.py" line="25"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="23"/>
        <source>Helpful assistant</source>
        <translation>乐于助人的助手</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="24"/>
        <source>Just the answer</source>
        <translation>只要答案</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="25"/>
        <source>Writing coach</source>
        <translation>写作教练</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="26"/>
        <source>Explain like a teacher</source>
        <translation>像老师一样讲解</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="27"/>
        <source>Programming helper</source>
        <translation>编程助手</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="28"/>
        <source>Translator</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="29"/>
        <source>You are a helpful, honest assistant. Answer clearly and concisely. If you are not sure, say so.</source>
        <translation>你是一个乐于助人、诚实的助手。回答要清楚、简洁。如果不确定，就直说。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="32"/>
        <source>Answer in as few words as possible. No preamble, no repetition of the question, no closing remarks.</source>
        <translation>用尽可能少的字回答。不要开场白，不要重复问题，也不要结束语。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="36"/>
        <source>You are an experienced editor. When the user shares writing, point out the three changes that would improve it most, explain why in one sentence each, and show the improved passage. Keep the author&apos;s voice.</source>
        <translation>你是一位经验丰富的编辑。当用户分享文字时，指出最能改进它的三处修改，每处用一句话说明原因，并给出改进后的段落。保留作者的文风。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="41"/>
        <source>You explain things to a curious beginner: start with the core idea in one sentence, then build up with a simple example. Avoid jargon, or define it when you must use it.</source>
        <translation>你向一位好奇的初学者讲解：先用一句话说出核心思想，再用一个简单的例子逐步展开。避免行话，必须使用时先加以解释。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="46"/>
        <source>You are a senior software engineer. Give working code in fenced code blocks with the language named, explain the key lines briefly, and mention edge cases.</source>
        <translation>你是一名资深软件工程师。给出可运行的代码，放在注明语言的代码块中，简要解释关键的几行，并提及边界情况。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="51"/>
        <source>You translate the user&apos;s text into the language they ask for (English if they do not say). Keep meaning, tone and formatting; reply with the translation only.</source>
        <translation>你把用户的文本翻译成他们要求的语言（未说明时译成英语）。保留原意、语气和格式；只回复译文。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="57"/>
        <source>Tiny and quick; good for short rewrites in many languages.</source>
        <translation>极小且快速；适合多种语言的简短改写。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="58"/>
        <source>Small, fast, long context.</source>
        <translation>小巧、快速，上下文长。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="59"/>
        <source>A capable small model for chat, translation and summaries.</source>
        <translation>能胜任聊天、翻译和摘要的小模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="60"/>
        <source>The default model&apos;s big sibling; English.</source>
        <translation>默认模型的大号版本；英语。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="61"/>
        <source>Fluent English writing in a small model.</source>
        <translation>小模型中英语写作流畅。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="62"/>
        <source>A good all-rounder for laptops.</source>
        <translation>适合笔记本电脑的全能模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="63"/>
        <source>Strong reasoning for its size; English first.</source>
        <translation>同等规模中推理能力强；以英语为主。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="64"/>
        <source>Thinks before it answers; many languages.</source>
        <translation>先思考再回答；支持多种语言。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="65"/>
        <source>Natural writing in many languages.</source>
        <translation>多种语言的写作自然流畅。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="66"/>
        <source>A dependable 7B for European languages.</source>
        <translation>可靠的 7B 模型，适合欧洲语言。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="67"/>
        <source>Excellent writing and translation; stored as split files.</source>
        <translation>写作和翻译出色；以分卷文件存储。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="68"/>
        <source>The best-known 8B; long context.</source>
        <translation>最知名的 8B 模型；上下文长。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="69"/>
        <source>Strong reasoning and writing; many languages.</source>
        <translation>推理和写作能力强；支持多种语言。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="70"/>
        <source>Rich long-form writing; wants a GPU.</source>
        <translation>擅长长篇写作；需要 GPU。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="71"/>
        <source>High-quality writing in many languages; wants a GPU.</source>
        <translation>多种语言的高质量写作；需要 GPU。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="72"/>
        <source>Careful reasoning; English first; wants a GPU.</source>
        <translation>推理严谨；以英语为主；需要 GPU。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="73"/>
        <source>The strongest model here; wants a GPU with 12 GB or more.</source>
        <translation>这里最强的模型；需要 12 GB 以上显存的 GPU。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="74"/>
        <source>Strong retrieval in 100+ languages, Chinese included; long passages.</source>
        <translation>支持 100 多种语言（包括中文）的强检索；段落可较长。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="75"/>
        <source>Small and multilingual; a good step up from the built-in model.</source>
        <translation>小巧且支持多语言；比内置模型好一截。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="76"/>
        <source>English, fast, longer passages than the built-in model.</source>
        <translation>英语，快速，段落比内置模型更长。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="77"/>
        <source>Multilingual (100+ languages), passages up to 8,192 tokens.</source>
        <translation>多语言（100 多种），段落最长 8,192 个词元。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="79"/>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="80"/>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="81"/>
        <source>added by you</source>
        <translation>你添加的</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="83"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="85"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="86"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="87"/>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="88"/>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="89"/>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="90"/>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="91"/>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="92"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="93"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="94"/>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="95"/>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="100"/>
        <source>pages {0}–{1}</source>
        <translation>第 {0}–{1} 页</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="101"/>
        <source>page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="102"/>
        <source>paragraphs {0}–{1}</source>
        <translation>第 {0}–{1} 段</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="103"/>
        <source>paragraph {0}</source>
        <translation>第 {0} 段</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="104"/>
        <source>lines {0}–{1}</source>
        <translation>第 {0}–{1} 行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="105"/>
        <source>{0} (part {1})</source>
        <translation>{0}（第 {1} 部分）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/data_words.py" line="106"/>
        <source>CPU ({0} threads)</source>
        <translation>CPU（{0} 个线程）</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <location filename="../../assistant/ui/write/diff_view.py" line="34"/>
        <source>Suggested changes</source>
        <translation>建议的修改</translation>
    </message>
</context>
<context>
    <name>FilesModel</name>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="31"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="31"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="31"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="31"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="32"/>
        <source>Indexed</source>
        <translation>已索引</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="32"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/files_model.py" line="32"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assistant/ui/library/files_model.py" line="125"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n 个段落</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationFields</name>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="36"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="38"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="39"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="40"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="42"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="48"/>
        <source>Longest reply (tokens)</source>
        <translation>最长回复（词元）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="50"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="51"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="67"/>
        <source>Collections</source>
        <translation>资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="73"/>
        <source>New collection…</source>
        <translation>新建资料集…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="74"/>
        <source>Make a collection from a folder of your documents</source>
        <translation>用一个文档文件夹新建资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="86"/>
        <source>Folders and files in the collection</source>
        <translation>资料集中的文件夹和文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="90"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="92"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="94"/>
        <location filename="../../assistant/ui/library/panel.py" line="402"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="96"/>
        <location filename="../../assistant/ui/library/panel.py" line="314"/>
        <source>Check for changes</source>
        <translation>检查更改</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="411"/>
        <source>Look for new, changed and deleted files now (folders are also watched)</source>
        <translation>立即查找新增、更改和删除的文件（文件夹也会被持续监视）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="98"/>
        <location filename="../../assistant/ui/library/panel.py" line="315"/>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="99"/>
        <source>Forget this collection (your files are not touched)</source>
        <translation>忘记此资料集（不会改动你的文件）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="108"/>
        <source>Embedding model</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="111"/>
        <source>The model that turns passages into meanings to search by; changing it indexes the collection again</source>
        <translation>把段落转换成可按意思搜索的向量的模型；更换后会重新索引资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="115"/>
        <source>Stop download</source>
        <translation>停止下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="119"/>
        <source>Embedding model:</source>
        <translation>嵌入模型：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="124"/>
        <source>Indexing progress</source>
        <translation>索引进度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="128"/>
        <source>Indexing state</source>
        <translation>索引状态</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="132"/>
        <source>Show files</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="134"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="135"/>
        <source>Indexed</source>
        <translation>已索引</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="136"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="137"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="143"/>
        <source>Files in the collection</source>
        <translation>资料集中的文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="168"/>
        <source>Make a collection of your documents (txt, md, pdf, docx, html and source code) and ask about them in Chat: answers cite the passages they come from. Everything is indexed on this computer; folders are watched for changes.</source>
        <translation>把你的文档（txt、md、pdf、docx、html 和源代码）建成资料集，然后在聊天中提问：回答会引用出处段落。所有索引都在这台电脑上完成；文件夹的更改会被自动发现。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="214"/>
        <source>Choose a folder of documents</source>
        <translation>选择一个文档文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="217"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="218"/>
        <source>New collection</source>
        <translation>新建资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="218"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="235"/>
        <source>Add a folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="241"/>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="276"/>
        <source>Remove collection</source>
        <translation>移除资料集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="277"/>
        <source>Forget the collection “{0}” and its index? Your files are not touched.</source>
        <translation>忘记资料集“{0}”及其索引？你的文件不会被改动。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="288"/>
        <source>Removed the collection “{0}”.</source>
        <translation>已移除资料集“{0}”。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="324"/>
        <source>Take out of the collection</source>
        <translation>从资料集中移出</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="327"/>
        <source>A collection needs at least one folder or file</source>
        <translation>资料集至少需要一个文件夹或文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="358"/>
        <source>{0} — download {1} MB</source>
        <translation>{0} — 需下载 {1} MB</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="377"/>
        <source>Change the embedding model</source>
        <translation>更换嵌入模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="379"/>
        <source>Index “{0}” again with {1}? Until that is done, answers draw on the part already indexed.</source>
        <translation>用 {1} 重新索引“{0}”？完成之前，回答只会用到已经索引好的部分。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="399"/>
        <source>Downloading the embedding model…</source>
        <translation>正在下载嵌入模型…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="402"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="404"/>
        <source>Nothing to pause: the collection is up to date</source>
        <translation>无需暂停：资料集已是最新</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="409"/>
        <source>Paused: Resume to index again</source>
        <translation>已暂停：点“继续”才会再索引</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="414"/>
        <source>{0} indexed, {1} skipped, {2} failed</source>
        <translation>已索引 {0} 个，跳过 {1} 个，失败 {2} 个</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="418"/>
        <source>Looking for new and changed files…</source>
        <translation>正在查找新增和更改的文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="419"/>
        <source>Waiting to be indexed</source>
        <translation>等待索引</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="420"/>
        <source>Paused. Resume carries on where it stopped.</source>
        <translation>已暂停。继续时会从停下的地方接着做。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="421"/>
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="429"/>
        <source>indexing</source>
        <translation>索引中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="429"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="429"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="454"/>
        <source>{0} files to index, {1} unchanged</source>
        <translation>{0} 个文件待索引，{1} 个未更改</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="459"/>
        <source>Not reachable now (a drive removed?): {0}. Its files stay in the index as they were.</source>
        <translation>现在无法访问（驱动器已移除？）：{0}。其中的文件在索引中保持原样。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="467"/>
        <location filename="../../assistant/ui/library/panel.py" line="479"/>
        <source>, about {0} left</source>
        <translation>，约剩 {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="471"/>
        <source>Indexing: {0} of {1} files, {2} passages{3}</source>
        <translation>正在索引：{0}/{1} 个文件，{2} 个段落{3}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="480"/>
        <source>Downloading {0}: {1:.0%}{2}</source>
        <translation>正在下载 {0}：{1:.0%}{2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="491"/>
        <source>“{0}”: indexed {1} files ({2} passages) in {3}.</source>
        <translation>“{0}”：已索引 {1} 个文件（{2} 个段落），用时 {3}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="503"/>
        <source>The Library&apos;s index was damaged ({0}); it was set aside, and your collections are being indexed again from your files.</source>
        <translation>资料库的索引已损坏（{0}）；已将其另存一旁，正在根据你的文件重新为各资料集建立索引。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/panel.py" line="509"/>
        <source>Indexing stopped: {0}</source>
        <translation>索引已停止：{0}</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <location filename="../../assistant/ui/personalize/loss_chart.py" line="17"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/loss_chart.py" line="27"/>
        <source>Step {0}: loss {1:.3f}</source>
        <translation>第 {0} 步：损失 {1:.3f}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/loss_chart.py" line="41"/>
        <source>The loss curve appears here</source>
        <translation>损失曲线将显示在这里</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="99"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="101"/>
        <source>Write</source>
        <translation>写作</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="103"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="105"/>
        <source>Personalize</source>
        <translation>个性化</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="108"/>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="152"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="155"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="158"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="159"/>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="160"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="161"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="162"/>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="163"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="171"/>
        <source>Panel {0}</source>
        <translation>面板 {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="182"/>
        <location filename="../../assistant/ui/main_window.py" line="230"/>
        <source>Starting the engine…</source>
        <translation>正在启动引擎…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="187"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="188"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="189"/>
        <source>Context used</source>
        <translation>已用上下文</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="190"/>
        <source>Speed of the last reply</source>
        <translation>上次回复的速度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="230"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="279"/>
        <source>The engine is not running</source>
        <translation>引擎未在运行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="280"/>
        <source>The engine could not start.</source>
        <translation>引擎无法启动。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="293"/>
        <source>Checking {0} before loading it…</source>
        <translation>正在校验 {0}，校验后加载…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="325"/>
        <source>{0:.1f} tokens/s · first token {1:.0f} ms</source>
        <translation>{0:.1f} 词元/秒 · 首词元 {1:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="332"/>
        <source>context {0:,} / {1:,}</source>
        <translation>上下文 {0:,} / {1:,}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="364"/>
        <source>Deleted “{0}”.</source>
        <translation>已删除“{0}”。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="371"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="371"/>
        <location filename="../../assistant/ui/main_window.py" line="389"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="373"/>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="385"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="389"/>
        <source>Import conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="399"/>
        <source>{0} is not a conversation export ({1}).</source>
        <translation>{0} 不是对话导出文件（{1}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="487"/>
        <source>The new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="502"/>
        <source>Settings could not be saved: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
</context>
<context>
    <name>MarkdownRenderer</name>
    <message>
        <location filename="../../assistant/ui/chat/markdown.py" line="686"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="189"/>
        <source>Previous alternative</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="189"/>
        <source>Show the previous alternative</source>
        <translation>显示上一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="191"/>
        <source>Next alternative</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="191"/>
        <source>Show the next alternative</source>
        <translation>显示下一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="193"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="193"/>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="193"/>
        <source>Copy this message&apos;s text to the clipboard</source>
        <translation>将此消息的文本复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="196"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="196"/>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="196"/>
        <source>Edit this message and send it again</source>
        <translation>编辑此消息并重新发送</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="199"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="199"/>
        <source>Regenerate reply</source>
        <translation>重新生成回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="199"/>
        <source>Write this reply again</source>
        <translation>重新撰写此回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="201"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="201"/>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="201"/>
        <source>Delete this message</source>
        <translation>删除此消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="208"/>
        <source>Show or hide what the model thought before answering</source>
        <translation>显示或隐藏模型在回答前的思考</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="209"/>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="351"/>
        <source>Thoughts</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="216"/>
        <source>The model&apos;s thinking</source>
        <translation>模型的思考</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="233"/>
        <source>Passages used</source>
        <translation>引用的段落</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="240"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="241"/>
        <source>Continue reply</source>
        <translation>继续回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="242"/>
        <source>Write on from where the reply stopped, in the same message</source>
        <translation>从回复停下的地方接着写，仍在同一条消息中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="296"/>
        <source>{0} wrote</source>
        <translation>{0}写道</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="298"/>
        <source>{0} message</source>
        <translation>{0}的消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="309"/>
        <source>Passages used:</source>
        <translation>引用的段落：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="347"/>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="349"/>
        <source>Thought for {0} s</source>
        <translation>思考了 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="403"/>
        <source>Alternative {0} of {1}</source>
        <translation>第 {0} 个版本，共 {1} 个</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="416"/>
        <source>The reply reached the length limit.</source>
        <translation>回复已达到长度上限。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="416"/>
        <source>The reply was stopped.</source>
        <translation>回复已被停止。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="430"/>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="44"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="45"/>
        <source>The model that answers; choose another to switch</source>
        <translation>正在回答的模型；选择其他模型即可切换</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="49"/>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="61"/>
        <source>Open a GGUF file…</source>
        <translation>打开 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="62"/>
        <source>More models…</source>
        <translation>更多模型…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="109"/>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="109"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="119"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="135"/>
        <location filename="../../assistant/ui/models/dialog.py" line="226"/>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="136"/>
        <source>Get models</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="137"/>
        <location filename="../../assistant/ui/models/dialog.py" line="293"/>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="165"/>
        <location filename="../../assistant/ui/models/dialog.py" line="212"/>
        <location filename="../../assistant/ui/models/dialog.py" line="278"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="166"/>
        <location filename="../../assistant/ui/models/dialog.py" line="223"/>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="167"/>
        <location filename="../../assistant/ui/models/dialog.py" line="224"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="168"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="172"/>
        <source>Models on this computer</source>
        <translation>这台电脑上的模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="174"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="176"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="178"/>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="180"/>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="182"/>
        <source>Add a file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="194"/>
        <source>Model details</source>
        <translation>模型详情</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="205"/>
        <source>Search the Hugging Face Hub for GGUF models (Enter)</source>
        <translation>在 Hugging Face Hub 上搜索 GGUF 模型（回车）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="206"/>
        <source>Search the Hub</source>
        <translation>搜索 Hub</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="213"/>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="214"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="218"/>
        <source>Models to get</source>
        <translation>可获取的模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="222"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="228"/>
        <source>Needs about {0} at a context of {1:,} tokens</source>
        <translation>上下文为 {1:,} 个词元时约需 {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="235"/>
        <source>Files in the repository</source>
        <translation>仓库中的文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="237"/>
        <source>Choose a model to see its files and how each fits this computer.</source>
        <translation>选择一个模型，查看其文件以及每个文件是否适合这台电脑。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="240"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="245"/>
        <source>Hub status</source>
        <translation>Hub 状态</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="249"/>
        <source>Hub access token (for gated or private models)</source>
        <translation>Hub 访问令牌（用于受限或私有模型）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="250"/>
        <source>Hub token</source>
        <translation>Hub 令牌</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="251"/>
        <source>Save token</source>
        <translation>保存令牌</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="280"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="281"/>
        <source>{0}% · {1} of {2}</source>
        <translation>{0}% · {1} / {2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="287"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="288"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="289"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="294"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="296"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="298"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="322"/>
        <source>fits on GPU</source>
        <translation>可完全放入 GPU</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="323"/>
        <source>partly on GPU</source>
        <translation>部分放入 GPU</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="324"/>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="325"/>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="331"/>
        <source>Choose a model in the list first.</source>
        <translation>请先在列表中选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="339"/>
        <source>Choose a model on the left, then one of its files.</source>
        <translation>请先在左侧选择一个模型，再选择它的一个文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="341"/>
        <source>Choose a file to download.</source>
        <translation>请选择要下载的文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="345"/>
        <source>Choose a download in the list first.</source>
        <translation>请先在列表中选择一个下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="345"/>
        <source>No downloads.</source>
        <translation>没有下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="349"/>
        <source>This download has finished.</source>
        <translation>此下载已完成。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="351"/>
        <source>This download is not running.</source>
        <translation>此下载未在进行。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="352"/>
        <source>This download is running.</source>
        <translation>此下载正在进行。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="405"/>
        <source>Checking {0} before loading it…</source>
        <translation>正在校验 {0}，校验后加载…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="434"/>
        <source>Architecture: {0} · parameters: {1} · quantisation: {2}</source>
        <translation>架构：{0} · 参数：{1} · 量化：{2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="437"/>
        <source>Trained context: {0} tokens · chat template: {1} · licence: {2}</source>
        <translation>训练上下文：{0} 个词元 · 聊天模板：{1} · 许可证：{2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="439"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="439"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="336"/>
        <location filename="../../assistant/ui/models/dialog.py" line="455"/>
        <source>The built-in model is part of the app and cannot be removed.</source>
        <translation>内置模型是应用的一部分，无法移除。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="458"/>
        <source>Delete {0} ({1}) from this computer?</source>
        <translation>要从这台电脑上删除 {0}（{1}）吗？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="461"/>
        <source>Remove {0} from this list? The file stays where {1} keeps it; nothing is deleted.</source>
        <translation>要从列表中移除 {0} 吗？文件仍保留在 {1} 存放的位置，不会删除任何内容。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="463"/>
        <source>Remove a model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="476"/>
        <source>Deleted {0}: {1} freed.</source>
        <translation>已删除 {0}：释放了 {1}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="484"/>
        <source>Removed {0} from the list; the file was not touched.</source>
        <translation>已从列表中移除 {0}；文件未被改动。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="490"/>
        <source>Add a folder of models</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="496"/>
        <source>Add a model file</source>
        <translation>添加模型文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="496"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="515"/>
        <source>small</source>
        <translation>小</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="515"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="515"/>
        <source>large</source>
        <translation>大</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="538"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="549"/>
        <source>{0:,} downloads</source>
        <translation>{0:,} 次下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="549"/>
        <source> · gated</source>
        <translation> · 受限</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="552"/>
        <source>{0} repositories found.</source>
        <translation>找到 {0} 个仓库。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="552"/>
        <source>Nothing found.</source>
        <translation>未找到结果。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="564"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="431"/>
        <location filename="../../assistant/ui/models/dialog.py" line="611"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="584"/>
        <source>{0}: {1}; context {2:,} tokens; languages: {3}</source>
        <translation>{0}：{1}；上下文 {2:,} 个词元；语言：{3}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="612"/>
        <source>{0} · licence: {1}</source>
        <translation>{0} · 许可证：{1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="614"/>
        <source> · gated: accept its terms on huggingface.co and save your token below</source>
        <translation> · 受限：请在 huggingface.co 上接受其条款，并在下方保存你的令牌</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="616"/>
        <source> · incomplete, not offered: {0}</source>
        <translation> · 不完整，不提供：{0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="633"/>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="644"/>
        <source>The stored token was removed.</source>
        <translation>已移除保存的令牌。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="652"/>
        <source>Token saved in {0}.</source>
        <translation>令牌已保存到 {0}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="688"/>
        <source>checking</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="317"/>
        <location filename="../../assistant/ui/models/dialog.py" line="688"/>
        <source>downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="699"/>
        <source>ready (checked)</source>
        <translation>就绪（已校验）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="317"/>
        <location filename="../../assistant/ui/models/dialog.py" line="712"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="718"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>PanelRail</name>
    <message>
        <location filename="../../assistant/ui/panel_rail.py" line="40"/>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
</context>
<context>
    <name>PassageDialog</name>
    <message>
        <location filename="../../assistant/ui/library/passage_view.py" line="30"/>
        <source>Passage [{0}]</source>
        <translation>段落 [{0}]</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/passage_view.py" line="41"/>
        <source>Passage text</source>
        <translation>段落文字</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/passage_view.py" line="48"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/passage_view.py" line="50"/>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/library/passage_view.py" line="57"/>
        <source>The file is not there any more (moved, deleted or on a removed drive)</source>
        <translation>文件已不在原处（被移动、删除，或所在驱动器已移除）</translation>
    </message>
</context>
<context>
    <name>PersonalizePanel</name>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="75"/>
        <source>Personalize</source>
        <translation>个性化</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="110"/>
        <source>1. What to learn from</source>
        <translation>1. 学习的内容</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="112"/>
        <source>Files and folders of your writing</source>
        <translation>你的文章所在的文件和文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="114"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="116"/>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="118"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="122"/>
        <source>Pasted writing</source>
        <translation>粘贴的文字</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="123"/>
        <source>Or paste some of your writing here</source>
        <translation>或在这里粘贴一些你写的文字</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="127"/>
        <source>Also learn from my messages in this app&apos;s conversations</source>
        <translation>也学习我在本应用对话中发送的消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="130"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="316"/>
        <source>Add .txt, .md or .docx files of your own writing.</source>
        <translation>添加你自己写的 .txt、.md 或 .docx 文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="132"/>
        <source>What will be learned</source>
        <translation>将学习的内容</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="146"/>
        <source>2. Train</source>
        <translation>2. 训练</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="147"/>
        <source>My style</source>
        <translation>我的风格</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="148"/>
        <source>Adapter name</source>
        <translation>适配器名称</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="149"/>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="153"/>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="155"/>
        <source>one pass over the writing</source>
        <translation>完整学习一遍</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="156"/>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="158"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="164"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="160"/>
        <source>Tokens per training block</source>
        <translation>每个训练块的词元数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="162"/>
        <source>Rank</source>
        <translation>秩</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="163"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="165"/>
        <source>Tokens per block</source>
        <translation>每块词元数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="167"/>
        <source>e.g. HuggingFaceTB/SmolLM2-135M-Instruct (optional)</source>
        <translation>例如 HuggingFaceTB/SmolLM2-135M-Instruct（可选）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="170"/>
        <source>Train on this Hugging Face repository&apos;s full-precision safetensors weights (fetched once, pinned to a commit) instead of the model file&apos;s own</source>
        <translation>使用该 Hugging Face 仓库的全精度 safetensors 权重训练（只下载一次，固定到某个提交），而不是模型文件自带的权重</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="174"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="175"/>
        <source>Full-precision weights</source>
        <translation>全精度权重</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="176"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="178"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="179"/>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="181"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="182"/>
        <source>Resume training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="185"/>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="189"/>
        <source>Training result</source>
        <translation>训练结果</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="191"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="204"/>
        <source>3. Compare</source>
        <translation>3. 比较</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="205"/>
        <source>Write a short note to a friend about your weekend.</source>
        <translation>给朋友写一段简短的话，讲讲你的周末。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="206"/>
        <source>Prompt to compare</source>
        <translation>用于比较的提示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="207"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="210"/>
        <source>Answer without the adapter</source>
        <translation>不使用适配器的回答</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="212"/>
        <source>Answer with the adapter</source>
        <translation>使用适配器的回答</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="217"/>
        <source>Without</source>
        <translation>不使用</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="217"/>
        <source>With your style</source>
        <translation>使用你的风格</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="228"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="230"/>
        <source>Your adapters</source>
        <translation>你的适配器</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="233"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="235"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="237"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="238"/>
        <source>Save the adapter, or your model with it built in, as a GGUF file</source>
        <translation>将适配器，或内置了适配器的模型，保存为 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="240"/>
        <source>Adapter only (for llama.cpp&apos;s --lora)…</source>
        <translation>仅适配器（用于 llama.cpp 的 --lora）…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="241"/>
        <source>Model with the adapter built in, F16…</source>
        <translation>内置适配器的模型，F16…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="242"/>
        <source>Model with the adapter built in, Q8_0 (smaller)…</source>
        <translation>内置适配器的模型，Q8_0（更小）…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="271"/>
        <source>Your writing</source>
        <translation>你的文字</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="272"/>
        <source>Writing (*.txt *.md *.docx)</source>
        <translation>文字 (*.txt *.md *.docx)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="276"/>
        <source>A folder of your writing</source>
        <translation>存放你的文字的文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="318"/>
        <source>Reading your writing…</source>
        <translation>正在读取你的文字…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="336"/>
        <source>{0} documents ({1} to learn from, {2} kept aside to measure), {3:,} words, about {4:,} tokens. One pass takes about {5} min on this computer.</source>
        <translation>{0} 篇文档（{1} 篇用于学习，{2} 篇留作评估），{3:,} 个词，约 {4:,} 个词元。在这台电脑上学习一遍约需 {5} 分钟。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="341"/>
        <source>{0} repeated paragraphs left out.</source>
        <translation>已略去 {0} 个重复段落。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="343"/>
        <source>Skipped: {0}</source>
        <translation>已跳过：{0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="352"/>
        <source>Personalize trains on a model on this computer; load one first.</source>
        <translation>个性化需要在这台电脑上的模型上训练，请先加载一个模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="360"/>
        <source>An adapter called “{0}” exists: choose another name.</source>
        <translation>名为“{0}”的适配器已存在：请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="369"/>
        <source>Loading the model for training…</source>
        <translation>正在为训练加载模型…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="377"/>
        <source>Stopping after this step (the progress is saved)…</source>
        <translation>将在这一步后停止（进度会保存）…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="392"/>
        <source>Training is running.</source>
        <translation>正在训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="394"/>
        <source>Add files or a folder of your writing, paste some, or choose to learn from your messages first.</source>
        <translation>请先添加你写的文件或文件夹、粘贴一些文字，或选择从你的消息中学习。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="396"/>
        <source>Nothing is training.</source>
        <translation>没有正在进行的训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="397"/>
        <source>No stopped training to resume.</source>
        <translation>没有可继续的已停止训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="398"/>
        <source>Choose a file or folder in the list first.</source>
        <translation>请先在列表中选择一个文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="400"/>
        <source>Train an adapter, or choose one in the list, first.</source>
        <translation>请先训练一个适配器，或在列表中选择一个。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="403"/>
        <source>No adapters yet: train one above.</source>
        <translation>还没有适配器：请在上方训练一个。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="409"/>
        <source>An export is running.</source>
        <translation>正在导出。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="416"/>
        <source>Training on {0:,} tokens…</source>
        <translation>正在用 {0:,} 个词元训练…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="424"/>
        <source>step %v of %m · {0} s left</source>
        <translation>第 %v 步，共 %m 步 · 剩余 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="427"/>
        <source>Held-out perplexity before training: {0:.2f}</source>
        <translation>训练前留出集困惑度：{0:.2f}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="433"/>
        <source>Done. Held-out perplexity {0:.2f} → {1:.2f} (lower: your writing is better predicted).</source>
        <translation>完成。留出集困惑度 {0:.2f} → {1:.2f}（越低表示越能预测你的文字）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="438"/>
        <source>Adapter “{0}” is ready.</source>
        <translation>适配器“{0}”已就绪。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="445"/>
        <source>Stopped. The progress is saved: Resume continues from it.</source>
        <translation>已停止。进度已保存：点“继续”即可接着训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="459"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="460"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="481"/>
        <source> · perplexity {0:.1f} → {1:.1f}</source>
        <translation> · 困惑度 {0:.1f} → {1:.1f}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="507"/>
        <source>Rename adapter</source>
        <translation>重命名适配器</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="507"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="518"/>
        <source>Delete adapter</source>
        <translation>删除适配器</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="519"/>
        <source>Delete the adapter “{0}”?</source>
        <translation>要删除适配器“{0}”吗？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="405"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="535"/>
        <source>Choose an adapter in the list first.</source>
        <translation>请先在列表中选择一个适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="538"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="539"/>
        <source>GGUF model (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="557"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="576"/>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="578"/>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="48"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="49"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="209"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="255"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="53"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="68"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="54"/>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="55"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="56"/>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="57"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="69"/>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="70"/>
        <source>Remote server (OpenAI-compatible)</source>
        <translation>远程服务器（兼容 OpenAI）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="72"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="107"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="74"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="108"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="76"/>
        <source>Decide from free memory</source>
        <translation>根据可用内存自动决定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="76"/>
        <source>GPU layers automatic</source>
        <translation>自动决定 GPU 层数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="78"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="109"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="83"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="110"/>
        <source>Context size</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="87"/>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="88"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="111"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="90"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="106"/>
        <source>Run models</source>
        <translation>运行模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="120"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="133"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="122"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="123"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="124"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="128"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="134"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="135"/>
        <source>A new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="139"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="169"/>
        <source>Relevance threshold</source>
        <translation>相关度阈值</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="146"/>
        <source>How close a passage must be to the question to be used. Higher: fewer, surer passages (more often “not found”); lower: more passages, some off the point.</source>
        <translation>段落与问题要多接近才会被采用。调高：段落更少但更可靠（更常回答“未找到”）；调低：段落更多，但有些可能离题。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="150"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="170"/>
        <source>Passages per answer</source>
        <translation>每个回答的段落数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="154"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="171"/>
        <source>Reranker</source>
        <translation>重排序模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="156"/>
        <source>None: passages in the search&apos;s order</source>
        <translation>无：段落按搜索顺序排列</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="157"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="158"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="185"/>
        <source>Choose a reranker</source>
        <translation>选择重排序模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="160"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="161"/>
        <source>No reranker</source>
        <translation>不使用重排序模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="174"/>
        <source>A reranker (a GGUF file such as bge-reranker-v2-m3) reads the best passages the search found together with the question and puts them in a better order. Slower, often better.</source>
        <translation>重排序模型（例如 bge-reranker-v2-m3 这样的 GGUF 文件）会把搜索找到的最佳段落与问题一起阅读，并将它们排成更好的顺序。更慢，但往往更准。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="185"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="194"/>
        <source>Not a reranker</source>
        <translation>不是重排序模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="208"/>
        <source>Conversations and drafts</source>
        <translation>对话与草稿</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="210"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="216"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="217"/>
        <source>Open folder: {0}</source>
        <translation>打开文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="222"/>
        <source>Nothing you write leaves this computer unless you choose a remote server.</source>
        <translation>除非你选择远程服务器，你写的任何内容都不会离开这台电脑。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="42"/>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="44"/>
        <location filename="../../assistant/ui/sidebar.py" line="45"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="46"/>
        <source>New chat (Ctrl+N)</source>
        <translation>新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="49"/>
        <source>Search all chats (Ctrl+K)</source>
        <translation>搜索所有对话 (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="50"/>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="52"/>
        <location filename="../../assistant/ui/sidebar.py" line="57"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="64"/>
        <source>Conversation list</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="75"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="83"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="84"/>
        <source>Import a conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="137"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="139"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="139"/>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="143"/>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="144"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="146"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="152"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="152"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
</context>
<context>
    <name>StylePicker</name>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="32"/>
        <source>My style</source>
        <translation>我的风格</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="33"/>
        <source>Write in a style you trained in Personalize</source>
        <translation>用你在“个性化”中训练的风格写作</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="38"/>
        <source>Style strength</source>
        <translation>风格强度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="39"/>
        <source>How strongly: 100% as trained</source>
        <translation>强度：100% 即训练时的强度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="46"/>
        <source>Strength {0}%</source>
        <translation>强度 {0}%</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="61"/>
        <source>My style: off</source>
        <translation>我的风格：关</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/style_picker.py" line="64"/>
        <source>My style: {0}</source>
        <translation>我的风格：{0}</translation>
    </message>
</context>
<context>
    <name>SummarizePanel</name>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="177"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="239"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="182"/>
        <source>Files to summarize</source>
        <translation>要摘要的文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="183"/>
        <source>Add files with the button or drop them here</source>
        <translation>用按钮添加文件，或把文件拖到这里</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="186"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="187"/>
        <source>Text, Markdown, PDF, Word and HTML files</source>
        <translation>文本、Markdown、PDF、Word 和 HTML 文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="188"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="189"/>
        <source>Remove the selected files</source>
        <translation>移除选中的文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="191"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="537"/>
        <source>Pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="192"/>
        <source>Or paste text to summarize here</source>
        <translation>或在这里粘贴要摘要的文本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="197"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="233"/>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="199"/>
        <source>TL;DR</source>
        <translation>一句话概括</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="200"/>
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="201"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="202"/>
        <source>Executive summary</source>
        <translation>执行摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="203"/>
        <source>Answer a question</source>
        <translation>回答问题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="209"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="234"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="211"/>
        <source>Short</source>
        <translation>短</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="212"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="213"/>
        <source>Long</source>
        <translation>长</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="220"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="227"/>
        <source>Output language</source>
        <translation>输出语言</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="221"/>
        <source>Pick a language or type another</source>
        <translation>选择一种语言或输入其他语言</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="222"/>
        <source>Same as the source</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="229"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="236"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="230"/>
        <source>What should the summary answer?</source>
        <translation>摘要应回答什么问题？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="235"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="240"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="241"/>
        <source>Stop and keep a summary of the parts done</source>
        <translation>停止，并保留已完成部分的摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="243"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="247"/>
        <source>Progress details</source>
        <translation>进度详情</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="249"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="257"/>
        <location filename="../../assistant/ui/summarize/panel.py" line="258"/>
        <source>Saved summaries</source>
        <translation>已保存的摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="259"/>
        <source>Show a summary made earlier</source>
        <translation>显示之前生成的摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="263"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="264"/>
        <source>Export the summary as Markdown</source>
        <translation>将摘要导出为 Markdown</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="266"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="267"/>
        <source>The summary appears here. Click a point to see where it came from.</source>
        <translation>摘要会显示在这里。点击某个要点可查看其出处。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="270"/>
        <source>Source passage</source>
        <translation>原文段落</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="271"/>
        <source>The passage a point came from appears here.</source>
        <translation>要点所依据的原文段落会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="285"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="288"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="297"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="352"/>
        <source>Add files to summarize</source>
        <translation>添加要摘要的文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="354"/>
        <source>Documents (*.txt *.md *.pdf *.docx *.html *.htm);;All files (*)</source>
        <translation>文档 (*.txt *.md *.pdf *.docx *.html *.htm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="403"/>
        <source>Add a file or paste some text to summarize.</source>
        <translation>请添加文件或粘贴要摘要的文本。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="408"/>
        <source>Type the question the summary should answer.</source>
        <translation>请输入摘要应回答的问题。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="426"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="450"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="458"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="464"/>
        <source>Summarizing…</source>
        <translation>正在摘要…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="486"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="488"/>
        <source>Reading part {0} of {1}</source>
        <translation>正在阅读第 {0} 部分，共 {1} 部分</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="490"/>
        <source>Combining the notes of {0} parts</source>
        <translation>正在合并 {0} 个部分的要点</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="492"/>
        <source>Writing the summary</source>
        <translation>正在撰写摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="496"/>
        <source>about {0} min left</source>
        <translation>约剩 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="498"/>
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="506"/>
        <source>Key points of the parts read so far:</source>
        <translation>目前已读部分的要点：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="509"/>
        <source>Part {0} of {1}</source>
        <translation>第 {0} 部分，共 {1} 部分</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="527"/>
        <source>Stopped before any part was summarized; nothing was saved.</source>
        <translation>在任何部分完成摘要前已停止；未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="529"/>
        <source>The model found nothing to summarize.</source>
        <translation>模型没有找到可摘要的内容。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="532"/>
        <source>Stopped early: the summary is made from the parts done, and saved.</source>
        <translation>已提前停止：摘要由已完成的部分生成，并已保存。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="534"/>
        <source>Summary saved.</source>
        <translation>摘要已保存。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="540"/>
        <source>{0} and {1} more</source>
        <translation>{0} 等 {1} 个</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="549"/>
        <source>Stopped before the summary began.</source>
        <translation>在摘要开始前已停止。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="598"/>
        <source>Stopped early: made from the parts done.</source>
        <translation>已提前停止：由已完成的部分生成。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="599"/>
        <source>There is no summary: nothing was finished.</source>
        <translation>没有摘要：没有任何部分完成。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="600"/>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="601"/>
        <source>no source found</source>
        <translation>未找到来源</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="627"/>
        <source>No passage of the sources matches this point closely.</source>
        <translation>来源中没有与此要点紧密对应的段落。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="634"/>
        <source>{0} is not loaded, so this passage cannot be shown. Summarize it again to see it.</source>
        <translation>{0} 未加载，因此无法显示此段落。重新摘要后即可查看。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="637"/>
        <source>This passage could not be found in the document.</source>
        <translation>在文档中找不到此段落。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="659"/>
        <source>{0} · {1} (stopped early)</source>
        <translation>{0} · {1}（提前停止）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="659"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="688"/>
        <source>Showing “{0}”.</source>
        <translation>正在显示“{0}”。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="702"/>
        <source>Export summary</source>
        <translation>导出摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="702"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="715"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/summarize/panel.py" line="717"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="64"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="65"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="66"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="67"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="69"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="74"/>
        <source>Writing…</source>
        <translation>正在撰写…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="75"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="76"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="77"/>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="488"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="498"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="41"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="42"/>
        <source>What would you like to do?</source>
        <translation>你想做什么？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="45"/>
        <source>Everything stays on this computer. Try one of these, or type below.</source>
        <translation>一切都留在这台电脑上。试试下面这些，或在下方输入。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="53"/>
        <source>Explain how a heat pump works, in plain words.</source>
        <translation>用通俗的话解释热泵是怎样工作的。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="54"/>
        <source>Plan a relaxed three-day trip to Lisbon on a budget.</source>
        <translation>规划一次轻松、省钱的里斯本三日游。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="57"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="61"/>
        <source>Write</source>
        <translation>写作</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="61"/>
        <source>Proofread, rewrite or translate your text, change by change.</source>
        <translation>校对、改写或翻译你的文本，逐处查看修改。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="62"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="62"/>
        <source>Summarize a PDF, Word, web page or text file of any length.</source>
        <translation>为任意长度的 PDF、Word、网页或文本文件生成摘要。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="72"/>
        <source>A better model for this computer</source>
        <translation>适合这台电脑的更好模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="76"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="117"/>
        <source>You are using the small built-in model, for trying the app offline. This computer has too little free memory for a bigger one from the catalog; to use a model file you have, choose Models → Add a file…</source>
        <translation>你正在使用小型内置模型，用于离线试用本应用。这台电脑的可用内存不足以运行目录中更大的模型；要使用你已有的模型文件，请选择 模型 → 添加文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="123"/>
        <source>fits your GPU</source>
        <translation>可完全放入你的 GPU</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="123"/>
        <source>runs well on this computer&apos;s processor</source>
        <translation>可在这台电脑的处理器上流畅运行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/welcome.py" line="126"/>
        <source>You are using the small built-in model, for trying the app offline. For good writing help, {0} {1}: {2} to download, once. Without internet, choose Models → Add a file… for a GGUF file you already have.</source>
        <translation>你正在使用小型内置模型，用于离线试用本应用。要获得好的写作帮助，推荐 {0}，它{1}：只需下载一次，{2}。没有网络时，请选择 模型 → 添加文件…，使用你已有的 GGUF 文件。</translation>
    </message>
</context>
<context>
    <name>WritePanel</name>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="73"/>
        <source>Write</source>
        <translation>写作</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="76"/>
        <source>Your text</source>
        <translation>你的文本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="78"/>
        <source>Write or paste your text here, or open a file. Select part of it to work on that part only.</source>
        <translation>在这里写作或粘贴文本，或打开一个文件。选中其中一部分则只处理该部分。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="82"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="86"/>
        <source>Suggestion as it is written</source>
        <translation>正在生成的建议</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="90"/>
        <location filename="../../assistant/ui/write/panel.py" line="126"/>
        <source>Tone check</source>
        <translation>语气检查</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="97"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="99"/>
        <source>Accept all</source>
        <translation>全部接受</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="100"/>
        <source>Reject all</source>
        <translation>全部拒绝</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="101"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="102"/>
        <source>Write the accepted changes into your text (undo with Ctrl+Z)</source>
        <translation>将已接受的修改写入你的文本（可用 Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="103"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="104"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="107"/>
        <source>Click a change (or Tab to it and press Enter) to reject it; click it again to take it back.</source>
        <translation>点击某处修改（或用 Tab 移到它并按 Enter）即可拒绝它；再次点击即可恢复。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="119"/>
        <source>Proofread</source>
        <translation>校对</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="120"/>
        <source>Friendlier</source>
        <translation>更友好</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="121"/>
        <source>More professional</source>
        <translation>更专业</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="122"/>
        <source>More concise</source>
        <translation>更简洁</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="123"/>
        <source>Expand</source>
        <translation>扩写</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="124"/>
        <source>Shorten</source>
        <translation>缩写</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="125"/>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="136"/>
        <location filename="../../assistant/ui/write/panel.py" line="137"/>
        <source>Translate to</source>
        <translation>翻译为</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="139"/>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="140"/>
        <source>Or tell it what to do: “make this sound like a press release”</source>
        <translation>或者告诉它怎么做：“把这段改写成新闻稿”</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="142"/>
        <source>Do it</source>
        <translation>执行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="150"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="151"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="152"/>
        <location filename="../../assistant/ui/write/panel.py" line="242"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="153"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="219"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="258"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="274"/>
        <source>There is no text to work on.</source>
        <translation>没有可处理的文本。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="279"/>
        <source>Say what to do with the text first.</source>
        <translation>请先说明要对文本做什么。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="320"/>
        <source>Part {0} of {1} done</source>
        <translation>已完成第 {0} 部分，共 {1} 部分</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="337"/>
        <source> (stopped early: the rest is unchanged)</source>
        <translation>（已提前停止：其余部分保持不变）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="338"/>
        <source>{0} suggested changes{1}</source>
        <translation>{0} 处建议修改{1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="403"/>
        <source>A suggestion is being written: wait for it, or Stop it, first.</source>
        <translation>正在生成建议：请等它完成，或先停止它。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/write/panel.py" line="404"/>
        <source>Apply or discard the suggestion first.</source>
        <translation>请先应用或放弃当前建议。</translation>
    </message>
</context>
<context>
    <name>_Banner</name>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="725"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
