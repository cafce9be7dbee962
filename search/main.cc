#include <iostream>
int main() { std::cout << "whosaid: not built yet\n"; return 0; }
