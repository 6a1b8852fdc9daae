#!/usr/bin/env bash
# A C++ compiler for `ingot run --cxx`: clang++-22 with AddressSanitizer and
# UndefinedBehaviorSanitizer, any finding fatal (a non-zero exit that the
# conformance scripts report as a crash). Needs libclang-rt-22-dev.
exec clang++-22 -fsanitize=address,undefined -fno-sanitize-recover=all \
  -fno-omit-frame-pointer -g "$@"
