#!/usr/bin/env bash
# Build llama.cpp's own `llama-bench`, from the same llama.cpp that the installed llama-cpp-python
# vendors, into the venv's bin/: the baseline `assistant bench engine` compares the app against.
# Not needed to run or test the app (`make bench` calls it). Cached per version under ~/.cache.
#   packaging/build-llama-bench.sh .venv/bin
set -euo pipefail
bin=$1
ver=$("$bin/python" -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))')
work=${XDG_CACHE_HOME:-$HOME/.cache}/assistant-build/llama-bench-$ver
cuda=OFF
if [ "${ASSISTANT_BACKEND:-}" = cuda ] || { [ -z "${ASSISTANT_BACKEND:-}" ] && command -v nvcc >/dev/null && nvidia-smi -L 2>/dev/null | grep -q GPU; }; then
  cuda=ON
fi
if [ ! -x "$work/build-cuda-$cuda/bin/llama-bench" ]; then
  mkdir -p "$work"
  [ -f "$work/llama_cpp_python-$ver.tar.gz" ] ||
    "$bin/python" -m pip download -q --no-deps --no-binary :all: -d "$work" "llama-cpp-python==$ver"
  [ -d "$work/llama_cpp_python-$ver" ] || tar -C "$work" -xzf "$work/llama_cpp_python-$ver.tar.gz"
  cmake -S "$work/llama_cpp_python-$ver/vendor/llama.cpp" -B "$work/build-cuda-$cuda" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DGGML_CUDA=$cuda -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF >/dev/null
  cmake --build "$work/build-cuda-$cuda" --target llama-bench -j "$(nproc)"
fi
cp "$work/build-cuda-$cuda/bin/llama-bench" "$bin/llama-bench"
echo "llama-bench (CUDA $cuda) installed in $bin"
