/* placeholder: written in its own change */
int main(void) { return 0; }
