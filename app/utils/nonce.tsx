import { createContext, useContext } from "react";

// The CSP nonce of the current response, so <Scripts> can carry it (see server.js).
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
