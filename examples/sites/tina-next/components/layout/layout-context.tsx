"use client";
import React, { useContext, useState } from "react";
import type { GlobalQuery } from "@/tina/__generated__/types";

interface LayoutState {
  globalSettings: GlobalQuery["global"];
  pageData: unknown;
  theme: GlobalQuery["global"]["theme"];
}

const LayoutContext = React.createContext<LayoutState | undefined>(undefined);

export const useLayout = () => {
  const context = useContext(LayoutContext);
  return context || { theme: { color: "teal", darkMode: "system" }, globalSettings: undefined, pageData: undefined };
};

export const LayoutProvider = ({ children, globalSettings: initial, pageData }: { children: React.ReactNode; globalSettings: GlobalQuery["global"]; pageData: unknown }) => {
  const [globalSettings] = useState(initial);
  return <LayoutContext.Provider value={{ globalSettings, pageData, theme: globalSettings.theme }}>{children}</LayoutContext.Provider>;
};
