# Writes every runtime header into a C++ initializer list, so that the ingot
# binary can copy the headers a model needs without knowing where the source
# tree is. Run as: cmake -DRUNTIME_DIR=... -DOUTPUT=... -P EmbedRuntime.cmake
file(GLOB_RECURSE headers RELATIVE ${RUNTIME_DIR} ${RUNTIME_DIR}/ingot/*.h)
list(SORT headers)
set(content "// Generated from runtime/include by EmbedRuntime.cmake.\n")
foreach(header ${headers})
  file(READ ${RUNTIME_DIR}/${header} text)
  string(APPEND content "{\"${header}\", R\"ingot_embed(${text})ingot_embed\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
