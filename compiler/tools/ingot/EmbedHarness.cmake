# Writes the Cortex-M harness files `ingot profile --qemu` builds into a C++
# initializer list, so that an installed ingot has them without the source
# tree. Run as: cmake -DHARNESS_DIR=... -DOUTPUT=... -P EmbedHarness.cmake
set(files counter.c counter.h mps2.ld mps3-an547.ld profile.cpp profile.h
          sections.ld semihosting.c semihosting.h startup.c startup.h)
set(content "// Generated from benchmarks/cortex-m by EmbedHarness.cmake.\n")
foreach(file ${files})
  file(READ ${HARNESS_DIR}/${file} text)
  string(APPEND content "{\"${file}\", R\"ingot_embed(${text})ingot_embed\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
