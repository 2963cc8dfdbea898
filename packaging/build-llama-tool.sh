#!/usr/bin/env bash
# Build one of llama.cpp's own programs, from the same llama.cpp that the installed llama-cpp-python
# vendors, into the venv's bin/:
#   llama-bench   the baseline `assistant bench engine` compares the app against (`make bench`)
#   llama-server  the real remote engine the app's client is tested against (`make llama-server`); with
#                 it, llama.cpp's collection of real models' chat templates (models/templates) goes to
#                 the venv's share/assistant/chat-templates/, for the tests that render them both ways
# Not needed to run the app. One CMake build tree per version (and CUDA or not) under ~/.cache, so the
# second program reuses what the first compiled.
#   packaging/build-llama-tool.sh .venv/bin llama-bench
set -euo pipefail
bin=$1
target=${2:-llama-bench}
PATH="$(cd "$bin" && pwd):$PATH"  # the locked cmake and ninja first
export PATH
ver=$("$bin/python" -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))')
work=${XDG_CACHE_HOME:-$HOME/.cache}/assistant-build/llama-tools-$ver
cuda=OFF
if [ "${ASSISTANT_BACKEND:-}" = cuda ] || { [ -z "${ASSISTANT_BACKEND:-}" ] && command -v nvcc >/dev/null && nvidia-smi -L 2>/dev/null | grep -q GPU; }; then
  cuda=ON
fi
build=$work/build-cuda-$cuda
src=$work/llama_cpp_python-$ver
if [ ! -d "$src" ]; then
  mkdir -p "$work"
  [ -f "$src.tar.gz" ] ||
    "$bin/python" -m pip download -q --no-deps --no-binary :all: -d "$work" "llama-cpp-python==$ver"
  tar -C "$work" -xzf "$src.tar.gz"
fi
if [ ! -x "$build/bin/$target" ]; then
  # The server's web UI and TLS are not wanted: it is driven by the tests over loopback.
  [ -f "$build/CMakeCache.txt" ] ||
    cmake -S "$src/vendor/llama.cpp" -B "$build" -DCMAKE_BUILD_TYPE=Release \
      -DBUILD_SHARED_LIBS=OFF -DGGML_CUDA=$cuda -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF \
      -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_WEBUI=OFF >/dev/null
  cmake --build "$build" --target "$target" -j "$(nproc)"
fi
cp "$build/bin/$target" "$bin/$target"
if [ "$target" = llama-server ]; then
  templates="$bin/../share/assistant/chat-templates"
  rm -rf "$templates" && mkdir -p "$templates"
  cp "$src/vendor/llama.cpp/models/templates/"*.jinja "$templates/"
fi
echo "$target (CUDA $cuda) installed in $bin"
