# Turns a data file into a C++ source holding it as one string constant.
# cmake -DIN=... -DOUT=... -DSYMBOL=... -P embed.cmake
file(READ "${IN}" content)
file(WRITE "${OUT}" "namespace whosaid { extern const char* const ${SYMBOL}; const char* const ${SYMBOL} = R\"whosaid_embed(${content})whosaid_embed\"; }\n")
