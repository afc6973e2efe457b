"use client";
/** Loads Monaco in the browser only (STACK-NOTES P10): `ssr: false` must live in a client file. */
import dynamic from "next/dynamic";
import { EditorLoadingPlaceholder } from "./EditorLoadingPlaceholder";

export const EditorHost = dynamic(() => import("./MonacoEditor"), { ssr: false, loading: () => <EditorLoadingPlaceholder /> });
