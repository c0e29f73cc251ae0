import { configure } from '@testing-library/preact';

// The build machines are small and shared: give asynchronous queries time before calling them failed.
configure({ asyncUtilTimeout: 5000 });
