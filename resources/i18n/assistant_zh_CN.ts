<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../assistant/app.py" line="112"/>
        <source>Assistant is already running. Switch to its window, or close it before starting another.</source>
        <translation>Assistant 已在运行。请切换到它的窗口，或先关闭它再启动新的。</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="104"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="107"/>
        <source>Conversation title</source>
        <translation>对话标题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="110"/>
        <source>System prompt preset</source>
        <translation>系统提示预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="111"/>
        <source>How the assistant should behave in this conversation</source>
        <translation>助手在此对话中的行为方式</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="114"/>
        <source>Conversation settings…</source>
        <translation>对话设置…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="115"/>
        <source>Conversation settings</source>
        <translation>对话设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="116"/>
        <source>This conversation&apos;s system prompt and generation settings</source>
        <translation>此对话的系统提示和生成设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="131"/>
        <source>Restart engine</source>
        <translation>重启引擎</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="132"/>
        <source>Engine problem</source>
        <translation>引擎问题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="134"/>
        <location filename="../../assistant/ui/chat/panel.py" line="452"/>
        <location filename="../../assistant/ui/chat/panel.py" line="453"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="135"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="137"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="138"/>
        <source>Editing a sent message</source>
        <translation>正在编辑已发送的消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="142"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="143"/>
        <source>Message the model — Enter sends, Shift+Enter adds a line</source>
        <translation>给模型发消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="148"/>
        <source>Tokens in the message</source>
        <translation>消息中的词元数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="149"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="150"/>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="151"/>
        <source>Send (Enter)</source>
        <translation>发送 (Enter)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="153"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="154"/>
        <source>Stop reply</source>
        <translation>停止回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="155"/>
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="352"/>
        <source>{0} older messages were left out to fit the context window.</source>
        <translation>为适应上下文窗口，省略了 {0} 条较早的消息。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="423"/>
        <source>Editing a sent message: Enter sends it as a new branch; the original stays one click away.</source>
        <translation>正在编辑已发送的消息：按 Enter 以新分支发送，原消息仍可一键切换回去。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="447"/>
        <source>Message deleted.</source>
        <translation>消息已删除。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="465"/>
        <source>Recovered {0} records from {1}.</source>
        <translation>已从 {1} 恢复 {0} 条记录。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="469"/>
        <source>The conversation database was damaged and set aside as {0}; a new one was started.</source>
        <translation>对话数据库已损坏，已另存为 {0}，并新建了一个数据库。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="473"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="548"/>
        <source>{0} tokens</source>
        <translation>{0} 个词元</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="48"/>
        <location filename="../../assistant/ui/conversation_settings.py" line="49"/>
        <source>Conversation settings</source>
        <translation>对话设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="54"/>
        <location filename="../../assistant/ui/conversation_settings.py" line="57"/>
        <source>System prompt</source>
        <translation>系统提示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="55"/>
        <source>How the assistant should behave in this conversation</source>
        <translation>助手在此对话中的行为方式</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="61"/>
        <source>Save as new preset…</source>
        <translation>另存为新预设…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="62"/>
        <source>Save the system prompt as a new preset</source>
        <translation>将系统提示另存为新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="66"/>
        <source>Update “{0}”</source>
        <translation>更新“{0}”</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="67"/>
        <source>Update the preset with this system prompt</source>
        <translation>用此系统提示更新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="69"/>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="70"/>
        <source>Delete this preset</source>
        <translation>删除此预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="81"/>
        <source>Values left at the defaults follow the defaults in Settings.</source>
        <translation>保持默认的值将跟随“设置”中的默认值。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="86"/>
        <source>New preset</source>
        <translation>新预设</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/conversation_settings.py" line="86"/>
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
    <name>GenerationFields</name>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="31"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="33"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="34"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="35"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="37"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="40"/>
        <source>Longest reply (tokens)</source>
        <translation>最长回复（词元）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="42"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/generation_fields.py" line="43"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="87"/>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="88"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="91"/>
        <location filename="../../assistant/ui/main_window.py" line="97"/>
        <source>Write</source>
        <translation>写作</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="93"/>
        <source>Proofread, rewrite, expand, shorten, continue and translate your text, shown as changes you accept or reject one by one.</source>
        <translation>校对、改写、扩写、缩写、续写和翻译你的文字，并以可逐条接受或拒绝的修改呈现。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="101"/>
        <location filename="../../assistant/ui/main_window.py" line="104"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="102"/>
        <source>Summaries of files and pasted text of any length, with links back to the source.</source>
        <translation>为任意长度的文件和粘贴文本生成摘要，并附带指向原文的链接。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="108"/>
        <location filename="../../assistant/ui/main_window.py" line="110"/>
        <source>Personalize</source>
        <translation>个性化</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="108"/>
        <source>Teach the model your own writing style, on this computer.</source>
        <translation>在这台电脑上让模型学会你的写作风格。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="141"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="144"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="145"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="146"/>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="147"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="148"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="149"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="152"/>
        <source>Panel {0}</source>
        <translation>面板 {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="162"/>
        <location filename="../../assistant/ui/main_window.py" line="200"/>
        <source>Starting the engine…</source>
        <translation>正在启动引擎…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="167"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="168"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="169"/>
        <source>Context used</source>
        <translation>已用上下文</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="170"/>
        <source>Speed of the last reply</source>
        <translation>上次回复的速度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="200"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="221"/>
        <source>You are chatting with a small built-in model. For better answers, choose a bigger GGUF model from the model list in the toolbar.</source>
        <translation>你正在使用一个内置的小模型。若想获得更好的回答，请在工具栏的模型列表中选择更大的 GGUF 模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="230"/>
        <source>The engine is not running</source>
        <translation>引擎未在运行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="231"/>
        <source>The engine could not start.</source>
        <translation>引擎无法启动。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="250"/>
        <source>{0:.1f} tokens/s · first token {1:.0f} ms</source>
        <translation>{0:.1f} 词元/秒 · 首词元 {1:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="257"/>
        <source>context {0:,} / {1:,}</source>
        <translation>上下文 {0:,} / {1:,}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="284"/>
        <source>Deleted “{0}”.</source>
        <translation>已删除“{0}”。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="291"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="291"/>
        <location filename="../../assistant/ui/main_window.py" line="309"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="293"/>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="305"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="309"/>
        <source>Import conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="319"/>
        <source>{0} is not a conversation export ({1}).</source>
        <translation>{0} 不是对话导出文件（{1}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="357"/>
        <source>The new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="372"/>
        <source>Settings could not be saved: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
</context>
<context>
    <name>MarkdownRenderer</name>
    <message>
        <location filename="../../assistant/ui/chat/markdown.py" line="681"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="166"/>
        <source>Previous alternative</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="166"/>
        <source>Show the previous alternative</source>
        <translation>显示上一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="168"/>
        <source>Next alternative</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="168"/>
        <source>Show the next alternative</source>
        <translation>显示下一个版本</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="170"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="170"/>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="170"/>
        <source>Copy this message&apos;s text to the clipboard</source>
        <translation>将此消息的文本复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="173"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="173"/>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="173"/>
        <source>Edit this message and send it again</source>
        <translation>编辑此消息并重新发送</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="176"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="176"/>
        <source>Regenerate reply</source>
        <translation>重新生成回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="176"/>
        <source>Write this reply again</source>
        <translation>重新撰写此回复</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="178"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="178"/>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="178"/>
        <source>Delete this message</source>
        <translation>删除此消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="225"/>
        <source>{0} wrote</source>
        <translation>{0}写道</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="227"/>
        <source>{0} message</source>
        <translation>{0}的消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="256"/>
        <source>Alternative {0} of {1}</source>
        <translation>第 {0} 个版本，共 {1} 个</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="275"/>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="40"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="41"/>
        <source>The model that answers; choose another to switch</source>
        <translation>正在回答的模型；选择其他模型即可切换</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="45"/>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="57"/>
        <source>Open a GGUF file…</source>
        <translation>打开 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="87"/>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/model_picker.py" line="87"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="52"/>
        <source>Coming soon.</source>
        <translation>即将推出。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="44"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="45"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="137"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="177"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="49"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="63"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="50"/>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="51"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="52"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="64"/>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="65"/>
        <source>Remote server (OpenAI-compatible)</source>
        <translation>远程服务器（兼容 OpenAI）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="67"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="102"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="69"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="103"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="71"/>
        <source>Decide from free memory</source>
        <translation>根据可用内存自动决定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="71"/>
        <source>GPU layers automatic</source>
        <translation>自动决定 GPU 层数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="73"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="104"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="78"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="105"/>
        <source>Context size</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="82"/>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="83"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="106"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="85"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="101"/>
        <source>Run models</source>
        <translation>运行模型</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="115"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="128"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="117"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="118"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="119"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="123"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="129"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="130"/>
        <source>A new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="136"/>
        <source>Conversations and drafts</source>
        <translation>对话与草稿</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="138"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="144"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="145"/>
        <source>Open folder: {0}</source>
        <translation>打开文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="150"/>
        <source>Nothing you write leaves this computer unless you choose a remote server.</source>
        <translation>除非你选择远程服务器，你写的任何内容都不会离开这台电脑。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="39"/>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="41"/>
        <location filename="../../assistant/ui/sidebar.py" line="42"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="43"/>
        <source>New chat (Ctrl+N)</source>
        <translation>新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="46"/>
        <source>Search all chats (Ctrl+K)</source>
        <translation>搜索所有对话 (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="47"/>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="55"/>
        <source>Conversation list</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="63"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="71"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="72"/>
        <source>Import a conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="121"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="123"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="123"/>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="127"/>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="128"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="130"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="136"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/sidebar.py" line="136"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="55"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="56"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="57"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="58"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="60"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="65"/>
        <source>Writing…</source>
        <translation>正在撰写…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="66"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="67"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat/transcript_view.py" line="68"/>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
</context>
<context>
    <name>_Banner</name>
    <message>
        <location filename="../../assistant/ui/chat/panel.py" line="594"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
