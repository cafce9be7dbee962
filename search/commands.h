// The verbs of `whosaid`, one file each (cmd_<verb>.cc). argv[0] is the verb's name.
#pragma once

namespace whosaid {

int cmd_search(int argc, char** argv);
int cmd_speakers(int argc, char** argv);
int cmd_show(int argc, char** argv);
int cmd_verify(int argc, char** argv);
int cmd_cite(int argc, char** argv);
int cmd_serve(int argc, char** argv);

}  // namespace whosaid
